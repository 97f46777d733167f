import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import type { Config } from '../config/config';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { GraphQLContext } from './context';
import { buildSchema } from './schema';

/**
 * graphql-js raises a few errors about the request itself while it prepares execution, the
 * "Too many errors processing variables" cut-off above all. Apollo gives them no code, so they
 * would read as INTERNAL_SERVER_ERROR; they carry no path and wrap nothing, unlike every error
 * a resolver throws, which is how they are told apart.
 */
function isRequestErrorFromGraphQL(original: unknown, formatted: GraphQLFormattedError): boolean {
  return (
    original instanceof GraphQLError &&
    formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' &&
    original.path === undefined &&
    original.originalError === undefined
  );
}

/** The API has no subscriptions; saying so at validation makes it a coded client error, not an execution failure. */
const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('Subscriptions are not supported: this API has queries and mutations only.', { nodes: [node] }));
    }
  },
});

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (a legacy client) reads
 * errors from the body and expects 200 for any well-formed request, while one that accepts
 * `application/graphql-response+json` gets 4xx for request errors. Apollo answers 4xx to both.
 */
const legacyJsonStatus: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response }) {
        const accept = request.http?.headers.get('accept') ?? '';
        const legacyClient = accept.includes('application/json') && !accept.includes('application/graphql-response+json');
        const requestError = response.body.kind === 'single' && response.body.singleResult.data === undefined;
        if (legacyClient && requestError && response.http.status === 400) response.http.status = 200;
      },
    };
  },
};

/**
 * Expected failures keep their code and details; GraphQL's own errors (syntax, validation,
 * limits) pass through; anything else is a bug, so it is logged and masked.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (isRequestErrorFromGraphQL(original, formatted)) {
      return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (original instanceof GraphQLError || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected GraphQL error');
    return {
      message: 'Something went wrong on our side.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Logs each operation's name and duration, and each masked error once, with the request id. */
const operationLogging: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart({ contextValue }) {
    const startedAt = process.hrtime.bigint();
    return {
      async willSendResponse({ operationName, errors }) {
        const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
        contextValue.logger?.debug({ operationName, durationMs, errors: errors?.length ?? 0 }, 'graphql operation');
      },
    };
  },
};

/**
 * Apollo with every production-relevant setting explicit, whatever NODE_ENV says:
 * no stack traces, no automatic persisted queries, introspection per config, and limits on
 * depth, aliases, cost and tokens (tokens through the parser: graphql-armor's token plugin turns
 * syntax errors into 500s).
 */
export function createApolloServer(config: Config, logger: Logger): ApolloServer<GraphQLContext> {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { enabled: true, n: config.graphql.maxDepth, ignoreIntrospection: true },
    maxAliases: { enabled: true, n: config.graphql.maxAliases },
    maxDirectives: { enabled: true, n: 20 },
    costLimit: { enabled: true, maxCost: config.graphql.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: !config.graphql.introspection },
  });
  const protection = armor.protect();
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    persistedQueries: false,
    csrfPrevention: true,
    // main.ts owns graceful shutdown; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.graphql.maxTokens },
    validationRules: [...protection.validationRules, noSubscriptions],
    // Apollo installs cache control unless told not to: it hooks every field's resolution to compute
    // HTTP cache hints, which this API never sets (every answer depends on the viewer), so it is pure cost.
    plugins: [...protection.plugins, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), operationLogging, legacyJsonStatus],
    formatError: createErrorFormatter(logger),
  });
}
