/** The domain core in one import: `import { decide, evolve, dossierEventSchema } from '../shared/domain'`. */
export * from './roles';
export * from './users';
export * from './units';
export * from './procedure';
export * from './dossier';
export * from './phone';
export * from './time';
export * from './events';
export * from './transitions';
export * from './lifecycle';
export * from './dossier-code';
export * from './pin';
export * from './messages';
