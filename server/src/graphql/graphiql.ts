import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';

/**
 * A self-contained GraphiQL page for development: its assets are inlined, so it works offline,
 * unlike Apollo's Sandbox which loads from a CDN.
 */
export function graphiqlPage(endpoint: string): RequestHandler {
  const html = renderGraphiQL({ endpoint, title: 'Pilotline GraphQL', credentials: 'same-origin' });
  return (req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html') || req.query.query !== undefined) return next();
    res.type('html').send(html);
  };
}
