"use client";

import { useState } from "react";
import type { Role } from "@/db/schema";
import { formatDate } from "@/components/format";
import { RoleBadge } from "@/components/role-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ROLES } from "@/lib/auth/roles";
import { AddMemberDialog, ROLE_LABEL } from "./add-member-dialog";
import type { MemberRow } from "./types";
import { useChangeMemberRole, useMembers, useRemoveMember } from "./use-settings-queries";

/**
 * The people with access to this workspace and their roles. Admins and owners add people, change
 * roles and remove members; only an owner touches owner roles, and the server keeps the last owner.
 */
export function MembersPanel({ workspace, myRole, myUserId }: { workspace: string; myRole: Role; myUserId: string }) {
  const { data, error } = useMembers(workspace);
  const members = data?.data ?? [];
  const canManage = myRole === "admin" || myRole === "owner";
  const isOwner = myRole === "owner";
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const change = useChangeMemberRole(workspace);
  const ownerCount = members.filter((m) => m.role === "owner").length;

  return (
    <Card>
      <CardHeader
        title="Members"
        description={`${members.length} ${members.length === 1 ? "person has" : "people have"} access to this workspace.`}
        actions={
          canManage ? (
            <Button onClick={() => setAdding(true)} data-testid="add-member">
              Add member
            </Button>
          ) : null
        }
      />
      {notice ? (
        <div className="px-5 pt-4">
          <Alert tone="success" data-testid="member-notice">
            {notice}
          </Alert>
        </div>
      ) : null}
      {change.error ? (
        <div className="px-5 pt-4">
          <Alert tone="danger" data-testid="member-error">
            {change.error.message}
          </Alert>
        </div>
      ) : null}
      {error ? (
        <div className="p-5">
          <Alert tone="danger">Members could not be loaded: {error.message}</Alert>
        </div>
      ) : (
        <Table data-testid="members-table">
          <THead>
            <tr>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>Role</TH>
              <TH>Joined</TH>
              {canManage ? <TH className="text-right">Actions</TH> : null}
            </tr>
          </THead>
          <TBody>
            {members.map((m) => {
              // Owner rows are an owner's to change; the last owner's role is fixed (the server says so too).
              const locked = !canManage || (m.role === "owner" && (!isOwner || ownerCount <= 1));
              const you = m.userId === myUserId;
              return (
                <TR key={m.userId} data-testid="member-row">
                  <TD className="font-medium text-slate-900">
                    {m.name}
                    {you ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
                  </TD>
                  <TD>{m.email}</TD>
                  <TD>
                    {locked ? (
                      <span title={canManage && m.role === "owner" ? (isOwner ? "The only owner: make someone else an owner first" : "Only an owner can change an owner") : undefined}>
                        <RoleBadge role={m.role} />
                        {canManage && m.role === "owner" && ownerCount <= 1 ? <span className="ml-1.5 text-xs text-slate-500">the only owner</span> : null}
                      </span>
                    ) : (
                      <Select
                        aria-label={`Role of ${m.email}`}
                        value={m.role}
                        disabled={change.isPending}
                        onChange={(e) => {
                          setNotice(null);
                          change.mutate({ userId: m.userId, role: e.target.value as Role }, { onSuccess: (r) => setNotice(`${r.member.email} is now ${ROLE_LABEL[r.member.role].toLowerCase()}.`) });
                        }}
                        className="w-32"
                      >
                        {ROLES.filter((r) => isOwner || r !== "owner").map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </Select>
                    )}
                  </TD>
                  <TD className="whitespace-nowrap text-slate-500">{formatDate(m.joinedAt)}</TD>
                  {canManage ? (
                    <TD className="text-right">
                      {locked && m.role === "owner" ? null : (
                        <Button variant="danger-ghost" size="sm" onClick={() => setRemoving(m)} aria-label={`Remove ${m.email}`}>
                          Remove
                        </Button>
                      )}
                    </TD>
                  ) : null}
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      {canManage ? (
        <>
          <AddMemberDialog workspace={workspace} open={adding} onClose={() => setAdding(false)} canGrantOwner={isOwner} onAdded={setNotice} />
          <RemoveMemberDialog workspace={workspace} member={removing} isSelf={removing?.userId === myUserId} onClose={() => setRemoving(null)} onRemoved={setNotice} />
        </>
      ) : null}
    </Card>
  );
}

/** Asks before removing someone: they lose access at once (their account stays). */
function RemoveMemberDialog({ workspace, member, isSelf, onClose, onRemoved }: { workspace: string; member: MemberRow | null; isSelf: boolean; onClose: () => void; onRemoved: (message: string) => void }) {
  const remove = useRemoveMember(workspace);
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <Dialog
      open={member !== null}
      onClose={close}
      dismissible={!remove.isPending}
      title={member ? `Remove ${member.email}?` : "Remove member?"}
      description={isSelf ? "You will lose access to this workspace at once." : "They lose access to this workspace at once. Their Tailor account stays, so they can be added again."}
      data-testid="remove-member-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={remove.isPending}
            data-testid="confirm-remove-member"
            onClick={() =>
              member &&
              remove.mutate(member.userId, {
                onSuccess: () => {
                  if (isSelf) window.location.assign("/");
                  onRemoved(`${member.email} no longer has access.`);
                  close();
                },
              })
            }
          >
            Remove
          </Button>
        </>
      }
    >
      {remove.error ? <Alert tone="danger">{remove.error.message}</Alert> : null}
    </Dialog>
  );
}
