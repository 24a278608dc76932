import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { ProfilesExplorer } from "@/components/profiles/profiles-explorer";
import { PROFILES_PAGE_SIZE } from "@/components/profiles/types";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import { searchProfilesQuerySchema } from "@/lib/profiles/schemas";
import { searchProfiles } from "@/lib/profiles/search-profiles";
import { queryKeys } from "@/lib/query-keys";
import { getDashboardContext } from "../_lib/context";

export const metadata: Metadata = { title: "Profiles" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ProfilesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  const params = await searchParams;
  // An over-long ?q= (a tampered link) falls back to the full list instead of an error page.
  const parsed = searchProfilesQuerySchema.safeParse({ q: first(params.q) });
  const q = parsed.success ? (parsed.data.q ?? "") : "";
  const slug = ctx.workspace.slug;

  const page = await searchProfiles(ctx.db, ctx.workspace.id, { q: q || undefined, limit: PROFILES_PAGE_SIZE });
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.profiles(slug, q), { pages: [page], pageParams: [null] });

  return (
    <>
      <PageHeader
        title="Profiles"
        description="Every person Tailor knows, identified or anonymous: their traits, consent, segments and the events they sent."
        actions={canEdit(ctx) ? <Link href="/profiles/import" className={buttonClasses("secondary")} data-testid="import-csv">Import CSV</Link> : null}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ProfilesExplorer workspace={slug} initialQuery={q} deletedNotice={first(params.deleted) === "1"} />
      </HydrationBoundary>
    </>
  );
}
