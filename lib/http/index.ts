import 'server-only';

/** The HTTP layer of /api/v1: route definition, body reading, errors, Result → response. */
export { defineRoute, notFoundRoute, withHeader, METHODS, type Endpoint, type HandlerContext, type Method, type RouteHandler } from './route';
export { readJsonBody, parseJsonText, checkJsonContentType, checkJsonHeaders, decodeJsonBytes, payloadTooLarge, bodyTextChunks, checkJsonLinesRequest, BodyTooLargeError, MAX_BODY_BYTES, MAX_BODY_DEPTH, MAX_JSON_LINES_BYTES } from './body';
export { apiError, errorBody, errorResponse, type ApiError, type ApiErrorType } from './errors';
export { respond, apiErrorOf, found } from './respond';
export { parseBody } from './parse';
export { authenticate, type Caller, type HeaderSource } from './auth';
export { databaseForHandlers, useDatabaseForHandlers, isDatabaseUnavailable, databaseUnavailable } from './database';
export { REQUEST_ID_HEADER, requestIdOf } from './request-id';
export { apiErrorOfThrown } from './thrown';
export { CLIENT_ADDRESS_HEADER, clientAddressOf } from './client-address';
export { REQUEST_DEADLINE_MS } from './deadline';
export { jsonLinesResponse } from './json-lines';
