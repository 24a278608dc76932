/** Real-time segment membership (see docs/membership.md). Server only. */
export { recomputeMembers, type RecomputeResult } from "./recompute-members";
export { reconcileSegment, reconcileSegments, type ReconcileResult } from "./reconcile-segment";
export { reconcileTimeWindows } from "./reconcile-time-windows";
export { removeProfileMembers } from "./remove-profile-members";
export { listProfileSegments } from "./list-profile-segments";
export { startMembershipTimer } from "./timer";
