/** Counts of one reconciliation, by column, with the reasons behind each count. */

export const COLUMNS = ['lost', 'misreported', 'duplicated', 'leaked'] as const;
export type Column = (typeof COLUMNS)[number];

export interface Reason {
	column: Column;
	text: string;
	count: number;
	examples: string[];
}

export class Findings {
	readonly reasons = new Map<string, Reason>();

	add(column: Column, text: string, example: string, count = 1): void {
		const key = `${column}\u0000${text}`;
		let reason = this.reasons.get(key);
		if (!reason) this.reasons.set(key, (reason = { column, text, count: 0, examples: [] }));
		reason.count += count;
		if (reason.examples.length < 3) reason.examples.push(example);
	}

	total(column: Column): number {
		let sum = 0;
		for (const reason of this.reasons.values()) if (reason.column === column) sum += reason.count;
		return sum;
	}

	get failed(): boolean {
		return COLUMNS.some((column) => this.total(column) > 0);
	}
}
