import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres://").optional().or(z.literal("")),
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
  TAILOR_URL: z.string().url("TAILOR_URL must be an absolute URL such as https://tailor.example.com").optional(),
  TAILOR_DATA_DIR: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

/** Environment, validated once at first use; a bad value stops the process with a clear message. */
export const env = schema.parse(process.env);

let cachedSecret: string | undefined;

/**
 * The signing secret for sessions. Production installs set BETTER_AUTH_SECRET; otherwise a random
 * one is generated once and kept beside the embedded database so sessions survive restarts.
 */
export function authSecret(): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (cachedSecret) return cachedSecret;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    cachedSecret = randomBytes(32).toString("hex");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, cachedSecret, { mode: 0o600 });
  }
  return cachedSecret;
}
