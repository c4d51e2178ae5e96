/** Query of the dashboard: a period of China dates and the place it is about. */
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const dashboardQuerySchema = z.object({
  scope: z.enum(['subdistrict', 'community']),
  id: z.string().min(1).max(40),
  from: date.optional(),
  to: date.optional(),
  compoundId: z.string().min(1).max(40).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
