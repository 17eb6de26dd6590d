import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { readPath } from './lib/readPath';

/** True when a stored parameter value, or any value inside it, is an n8n expression. */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * Reads node parameters for each item, evaluating a parameter per item only when its stored
 * value holds an expression. A plain value is the same for every item, and n8n's
 * getNodeParameter costs about as much for it as for an expression: 100,000 items times
 * eight parameters made it the node's largest cost.
 */
export class ParameterReader {
	private readonly stored: INodeParameters;

	private readonly constants = new Map<string, NodeParameterValueType | object>();

	/** The parameter being read, so that an expression that fails can be named. */
	reading = '';

	constructor(private readonly ctx: IExecuteFunctions) {
		this.stored = ctx.getNode().parameters;
	}

	/** Whether each parameter's stored value holds an expression: asked once per item, so kept. */
	private readonly expressions = new Map<string, boolean>();

	isExpression(name: string): boolean {
		let holds = this.expressions.get(name);
		if (holds === undefined) {
			holds = holdsExpression(readPath(this.stored, name));
			this.expressions.set(name, holds);
		}
		return holds;
	}

	get(name: string, itemIndex: number, fallback?: unknown): unknown {
		const cached = this.constants.get(name);
		if (cached !== undefined) return cached;
		this.reading = name;
		const value = this.ctx.getNodeParameter(name, itemIndex, fallback);
		if (!this.isExpression(name)) this.constants.set(name, value);
		return value;
	}
}
