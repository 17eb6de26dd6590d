export { parseGs1, type Gs1Form, type Gs1Result } from './parse';
