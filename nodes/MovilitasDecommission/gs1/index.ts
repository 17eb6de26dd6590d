export { parseGs1, type Gs1Form, type Gs1Pack, type Gs1Problem, type Gs1Result } from './parse';
export type { ReadOptions as Gs1Options } from './fields';
