import { test as setup, expect } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_URL, USERS, stateFile, type DemoRole } from "./fixtures";

// Sign each demo user in once; specs reuse the sessions, which keeps the suite under the
// sign-in rate limit (5 attempts per minute per address) that it also tests.
for (const role of Object.keys(USERS) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ request }) => {
    const res = await request.post(`${DEMO_URL}/api/auth/sign-in/email`, {
      data: { email: USERS[role], password: DEMO_PASSWORD },
      headers: { origin: DEMO_URL },
    });
    expect(res.status(), await res.text()).toBe(200);
    await request.storageState({ path: stateFile(role) });
  });
}
