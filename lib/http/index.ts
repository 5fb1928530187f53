import 'server-only';

/** The HTTP layer of /api/v1: route definition, body reading, errors, Result → response. */
export { defineRoute, notFoundRoute, type Method, type RouteHandler } from './route';
export { readJsonBody, checkJsonHeaders, decodeJsonBytes, payloadTooLarge, bodyTextChunks, checkJsonLinesRequest, MAX_BODY_BYTES } from './body';
export { apiError, errorBody, errorResponse, type ApiError } from './errors';
export { respond, apiErrorOf, found } from './respond';
export { parseBody } from './parse';
export { queryOf } from './query';
export { authenticate, type HeaderSource } from './auth';
export { databaseForHandlers, setHandlerDatabase } from './database';
export { REQUEST_ID_HEADER, requestIdOf } from './request-id';
export { apiErrorOfThrown } from './thrown';
export { CLIENT_ADDRESS_HEADER } from './client-address';
export { REQUEST_DEADLINE_MS } from './deadline';
export { jsonLinesResponse } from './json-lines';
