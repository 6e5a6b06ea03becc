import type { ApiRequest, RawResponse } from '../../common/transport';

/** An Orion request, relative to the credential's API base URL (api/orion.ts builds it); a JSON body is sent as `application/json-patch+json`. */
export type OrionRequest = ApiRequest & { method: 'GET' | 'POST' };

export type OrionResponse<T> = RawResponse & { body: T };
