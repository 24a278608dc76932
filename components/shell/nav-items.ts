import type { ComponentType, SVGProps } from "react";
import { EyeIcon, HomeIcon, SegmentsIcon, SettingsIcon, SparklesIcon, UsersIcon } from "@/components/ui/icons";

export interface NavItem {
  href: string;
  label: string;
  /** Stable id for tests: `nav-<id>`. */
  id: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", id: "overview", icon: HomeIcon },
  { href: "/segments", label: "Segments", id: "segments", icon: SegmentsIcon },
  { href: "/profiles", label: "Profiles", id: "profiles", icon: UsersIcon },
  { href: "/personalization", label: "Personalization", id: "personalization", icon: SparklesIcon },
  { href: "/preview", label: "Preview", id: "preview", icon: EyeIcon },
  { href: "/settings", label: "Settings", id: "settings", icon: SettingsIcon },
];

/** Whether `href` is the current section: `/` only matches itself, others match their sub-pages too. */
export function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
