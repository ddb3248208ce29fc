export const ROLES = ['secretariat', 'chair', 'delegate', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
