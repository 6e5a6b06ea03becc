/** The contract checks tests use: the validators, and how a test says it sends invalid requests on purpose. */
export { validateFalconRequest, validateFalconResponse, validateFalconModel, findFalconOperation, falconOperation, falconResponseModel } from './falcon';
export { validateOrionRequest, validateOrionResponse, findOrionOperation, orionApiPath } from './orion';
export { validateExchange, INVALID_REQUEST_HEADER, type ExchangeVerdict } from './exchange';
export { allowInvalidRequests, contractState, type InvalidRequestFilter } from './recorder';
export type { ContractRequest, Violation, ViolationRule } from './types';
