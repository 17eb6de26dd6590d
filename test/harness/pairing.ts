/**
 * The input item an output item points at, whichever form of `pairedItem` it has: a bare index,
 * `{ item }`, or a list of them (the first). Undefined when it has none.
 */
export function pairedIndex(paired: unknown): number | undefined {
	const first = Array.isArray(paired) ? paired[0] : paired;
	if (typeof first === 'number') return first;
	const item = (first as { item?: unknown } | undefined)?.item;
	return typeof item === 'number' ? item : undefined;
}
