/**
 * Options for the interactive transactions of executions. All work in a process shares one SQLite
 * connection, so under load (the worker running several tasks while requests queue more) a
 * transaction can wait for others well past Prisma's 2 s default; waiting is better than failing
 * a task or a request.
 */
export const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;
