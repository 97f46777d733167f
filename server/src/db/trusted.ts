import mongoose from 'mongoose';

/**
 * Marks a query operator object as written by us. With `sanitizeFilter` on, mongoose wraps any
 * `$`-keyed object in `$eq`, which is what keeps operators in user input inert; our own
 * operators must opt out explicitly, one by one.
 */
export function trusted<T extends Record<string, unknown>>(operators: T): T {
  return mongoose.trusted(operators) as T;
}
