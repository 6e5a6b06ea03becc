export { operations, requestFor, type ApiOperation, type CallArgs, type CallOptions, type HttpMethod, type ParamLocation } from '../../common/api-operation';
