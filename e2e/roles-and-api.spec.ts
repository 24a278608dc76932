import { expect, test } from "@playwright/test";
import { DEMO_URL, USERS, createAdminKey, stateFile } from "./fixtures";

test.describe("a viewer", () => {
  test.use({ storageState: stateFile("viewer") });

  test("sees settings but cannot change anything", async ({ page }) => {
    await page.goto(`${DEMO_URL}/settings?tab=api-keys`);
    await expect(page.getByTestId("view-only-note")).toBeVisible();
    await expect(page.getByTestId("api-keys-table")).toBeVisible();
    await expect(page.getByTestId("create-key")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    // The API refuses a viewer's writes even when the buttons are bypassed.
    const res = await page.request.post(`${DEMO_URL}/api/v1/keys`, { data: { kind: "admin", name: "sneaky" } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect((await page.request.get(`${DEMO_URL}/api/v1/members`)).status()).toBe(200);
    // Who changed what is for admins and owners.
    await expect(page.getByRole("tab", { name: "Audit log" })).toHaveCount(0);
    expect((await page.request.get(`${DEMO_URL}/api/v1/audit`)).status()).toBe(403);
  });
});

test.describe("an owner", () => {
  test.use({ storageState: stateFile("owner") });

  test("creates a key that is shown once, and revokes it", async ({ page }) => {
    await page.goto(`${DEMO_URL}/settings?tab=api-keys`);
    await page.getByTestId("create-key").click();
    await page.getByTestId("create-key-dialog").getByLabel("Name").fill("Newsletter tool");
    await page.getByTestId("create-key-dialog").getByLabel("Kind").selectOption("write");
    await page.getByTestId("create-key-submit").click();
    const secret = (await page.getByTestId("api-key-secret").inputValue()).trim();
    expect(secret).toMatch(/^tw_/);
    await page.getByTestId("secret-dialog-done").click();
    const row = page.getByTestId("api-key-row").filter({ hasText: "Newsletter tool" });
    await expect(row).toBeVisible();
    await expect(page.locator("body")).not.toContainText(secret);
    await page.reload();
    await expect(page.getByTestId("api-key-row").filter({ hasText: "Newsletter tool" })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await row.getByRole("button", { name: "Revoke Newsletter tool" }).click();
    await page.getByTestId("confirm-revoke").click();
    await expect(row).toContainText(/Revoked/);
  });
});

test.describe("an owner managing members", () => {
  test.use({ storageState: stateFile("owner") });

  test("adds a colleague, who signs in; changes their role; removes them", async ({ page, browser }) => {
    const email = `maya.${Date.now()}@acme.test`;
    await page.goto(`${DEMO_URL}/settings`);
    // The only owner's own role cannot be changed or removed from here.
    await expect(page.getByLabel(`Role of ${USERS.owner}`)).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Remove ${USERS.owner}` })).toHaveCount(0);

    await page.getByTestId("add-member").click();
    const dialog = page.getByTestId("add-member-dialog");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role").selectOption("editor");
    await page.getByTestId("add-member-submit").click();
    // Nobody uses the email yet: the server asks for an initial password, on the field.
    await expect(dialog.getByText("Needed to create the account: at least 8 characters")).toBeVisible();
    await dialog.getByLabel("Initial password").fill("maya-first-pass");
    await page.getByTestId("add-member-submit").click();
    await expect(page.getByTestId("member-notice")).toContainText(`Added ${email} as editor`);
    const row = page.getByTestId("member-row").filter({ hasText: email });
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("editor");

    // She signs in with that password (from her own address, apart from the suite's sign-in budget) and is an editor.
    const maya = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signIn = await maya.request.post(`${DEMO_URL}/api/auth/sign-in/email`, {
      data: { email, password: "maya-first-pass" },
      headers: { origin: DEMO_URL, "x-forwarded-for": "198.51.100.23" },
    });
    expect(signIn.status(), await signIn.text()).toBe(200);
    const mayaPage = await maya.newPage();
    await mayaPage.goto(`${DEMO_URL}/settings`);
    await expect(mayaPage.getByTestId("workspace-info")).toContainText("Editor");
    await expect(mayaPage.getByTestId("view-only-note")).toBeVisible();
    await expect(mayaPage.getByTestId("add-member")).toHaveCount(0);
    expect((await maya.request.post(`${DEMO_URL}/api/v1/members`, { data: { email: "x@acme.test", role: "viewer", password: "long-enough" } })).status()).toBe(403);

    // Made an admin, she can manage members — but not owners.
    await row.getByLabel(`Role of ${email}`).selectOption("admin");
    await expect(page.getByTestId("member-notice")).toContainText(`${email} is now admin`);
    await mayaPage.reload();
    await expect(mayaPage.getByTestId("add-member")).toBeVisible();
    const ownerChange = await maya.request.patch(`${DEMO_URL}/api/v1/members/${encodeURIComponent((await (await maya.request.get(`${DEMO_URL}/api/v1/members`)).json()).data.find((m: { email: string }) => m.email === USERS.owner).userId)}`, { data: { role: "viewer" } });
    expect(ownerChange.status()).toBe(403);
    expect((await ownerChange.json()).error.message).toMatch(/Only an owner/);

    // Removed, she loses access at once.
    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await page.getByTestId("confirm-remove-member").click();
    await expect(page.getByTestId("member-notice")).toContainText(`${email} no longer has access`);
    await expect(page.getByTestId("member-row").filter({ hasText: email })).toHaveCount(0);
    await mayaPage.goto(`${DEMO_URL}/settings`);
    await expect(mayaPage).toHaveURL(/\/no-workspace$/);
    await maya.close();

    // The audit log tells the story, newest first, with the role change's before and after.
    await page.getByRole("tab", { name: "Audit log" }).click();
    await page.getByLabel("Show changes to").selectOption("member");
    const entries = page.getByTestId("audit-row").filter({ hasText: email });
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText("Member removed");
    await expect(entries.nth(1)).toContainText("Member role changed");
    await expect(entries.nth(2)).toContainText("Member added");
    await entries.nth(1).getByText(/fields?:/).click();
    await expect(entries.nth(1)).toContainText('"editor"');
    await expect(entries.nth(1)).toContainText('"admin"');
  });
});

test.describe("the management API", () => {
  test("refuses the anonymous and accepts an admin key", async ({ playwright, browser }) => {
    const anonymous = await playwright.request.newContext();
    const res = await anonymous.get(`${DEMO_URL}/api/v1/keys`);
    expect(res.status()).toBe(401);
    expect((await res.json()).error).toMatchObject({ code: "unauthorized" });

    const owner = await browser.newContext({ storageState: stateFile("owner") });
    const key = await createAdminKey(owner.request);
    const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${key}` } });
    const members = await api.get(`${DEMO_URL}/api/v1/members`);
    expect(members.status()).toBe(200);
    expect((await members.json()).data.map((m: { email: string }) => m.email)).toContain("viewer@tailor.dev");

    // Validation errors carry paths; unknown and tampered ids are 404, never another workspace's data.
    const bad = await api.post(`${DEMO_URL}/api/v1/keys`, { data: { kind: "root", name: "x" } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.details[0].path).toEqual(["kind"]);
    expect((await api.delete(`${DEMO_URL}/api/v1/keys/00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
    expect((await api.delete(`${DEMO_URL}/api/v1/keys/'; drop table api_keys; --`)).status()).toBe(404);
    const revoked = await anonymous.get(`${DEMO_URL}/api/v1/members`, { headers: { authorization: "Bearer ta_not-a-real-key" } });
    expect(revoked.status()).toBe(401);

    const doc = await (await anonymous.get(`${DEMO_URL}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/keys"].post.requestBody.content["application/json"].schema.properties.kind.enum).toEqual(["write", "client", "admin"]);
    await owner.close();
  });
});

test.describe("an owner managing workspaces", () => {
  test.use({ storageState: stateFile("owner") });

  test("creates a second workspace from the switcher, renames it, and deletes it by typing its slug", async ({ page, playwright }) => {
    await page.goto(`${DEMO_URL}/settings`);
    const demoName = (await page.getByTestId("current-workspace").textContent())!.trim();
    const name = `Second shop ${Date.now() % 100000}`;

    await page.getByTestId("workspace-switcher").click();
    await page.getByTestId("new-workspace").click();
    const dialog = page.getByTestId("new-workspace-dialog");
    await page.getByTestId("new-workspace-submit").click();
    await expect(dialog.getByText("Enter a workspace name")).toBeVisible();
    await dialog.getByLabel("Name").fill(name);
    await page.getByTestId("new-workspace-submit").click();
    await expect(page).toHaveURL(`${DEMO_URL}/`);
    await expect(page.getByTestId("current-workspace")).toHaveText(name);
    await expect(page.getByTestId("current-role")).toContainText("Owner");

    // Renamed in settings; the slug stays.
    await page.goto(`${DEMO_URL}/settings`);
    const slug = (await page.getByTestId("workspace-slug").textContent())!.trim();
    expect(slug).toMatch(/^second-shop-\d+/);
    await page.getByTestId("rename-workspace").click();
    await page.getByLabel("Workspace name").fill("   ");
    await page.getByTestId("rename-workspace-save").click();
    await expect(page.getByTestId("workspace-rename-error")).toHaveText("Enter a workspace name");
    await page.getByLabel("Workspace name").fill(`${name} (EU)`);
    await page.getByTestId("rename-workspace-save").click();
    await expect(page.getByTestId("workspace-name")).toHaveText(`${name} (EU)`);
    await expect(page.getByTestId("current-workspace")).toHaveText(`${name} (EU)`);
    await expect(page.getByTestId("workspace-slug")).toHaveText(slug);

    // Deleting needs the exact slug; afterwards the owner is back in the demo workspace.
    await page.getByTestId("delete-workspace").click();
    const confirmButton = page.getByTestId("confirm-delete-workspace");
    await expect(confirmButton).toBeDisabled();
    await page.getByTestId("delete-workspace-dialog").getByLabel(/to confirm/).fill("demo");
    await expect(confirmButton).toBeDisabled();
    await page.getByTestId("delete-workspace-dialog").getByLabel(/to confirm/).fill(slug);
    await confirmButton.click();
    await expect(page).toHaveURL(`${DEMO_URL}/`);
    await expect(page.getByTestId("current-workspace")).toHaveText(demoName);
    await page.getByTestId("workspace-switcher").click();
    await expect(page.getByTestId(`workspace-option-${slug}`)).toHaveCount(0);

    // The API refuses a wrong confirmation, on its field, and an admin key cannot delete at all.
    const wrong = await page.request.delete(`${DEMO_URL}/api/v1/workspace`, { data: { confirm: "not-the-slug" }, headers: { "x-tailor-workspace": "demo" } });
    expect(wrong.status()).toBe(422);
    expect((await wrong.json()).error.details).toEqual([{ path: ["confirm"], message: 'Type "demo" to confirm' }]);
    const key = await createAdminKey(page.request);
    const keyOnly = await playwright.request.newContext();
    const byKey = await keyOnly.delete(`${DEMO_URL}/api/v1/workspace`, { data: { confirm: "demo" }, headers: { authorization: `Bearer ${key}` } });
    expect(byKey.status()).toBe(403);
    expect((await byKey.json()).error.message).toMatch(/needs the owner role/);
    await keyOnly.dispose();
    expect((await page.request.get(`${DEMO_URL}/api/v1/workspace`, { headers: { "x-tailor-workspace": "demo" } })).status()).toBe(200);
  });
});
