import type { Role } from "@/db/schema";

export interface ShellWorkspace {
  slug: string;
  name: string;
  role: Role;
  isDemo: boolean;
}

export interface ShellUser {
  name: string;
  email: string;
}
