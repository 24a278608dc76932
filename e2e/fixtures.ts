import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const FRESH_URL = "http://127.0.0.1:3100";
export const DEMO_URL = "http://127.0.0.1:3101";
export const DEMO_PASSWORD = "tailor-demo";
export const USERS = {
  owner: "demo@tailor.dev",
  editor: "editor@tailor.dev",
  viewer: "viewer@tailor.dev",
} as const;
export type DemoRole = keyof typeof USERS;

/** Storage state (session cookie) of a demo user, written by auth.setup.ts. */
export const stateFile = (role: DemoRole) => `e2e/.auth/${role}.json`;

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, baseURL: string, email: string, password: string) {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** An admin API key for the demo workspace, created through the API with the owner's session. */
export async function createAdminKey(request: APIRequestContext): Promise<string> {
  const res = await request.post(`${DEMO_URL}/api/v1/keys`, { data: { kind: "admin", name: `e2e ${Date.now()}` } });
  expect(res.status()).toBe(201);
  return (await res.json()).secret as string;
}
