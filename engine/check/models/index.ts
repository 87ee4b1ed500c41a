/** The sequential models the linearizability checker ships with. */
export { kvModel, type KvInput, type KvOutput } from './kv-model';
export { registerModel, type RegisterInput, type RegisterOutput } from './register-model';
export { optionalRegisterModel, showOptionalValue, type OptionalRegisterInput, type OptionalRegisterOutput, type RegisterValue } from './optional-register-model';
export { casRegisterModel, type CasRegisterInput, type CasRegisterOutput } from './cas-register-model';
