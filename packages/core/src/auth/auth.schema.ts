import { z } from 'zod';

export const loginSchema = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const localeSchema = z.object({ locale: z.enum(['zh-CN', 'en']) });
