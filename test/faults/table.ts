import { COLUMNS } from './findings';
import type { ScenarioResult } from './run-scenario';

const HEADERS = ['scenario', 'serials', 'requests', 'retries', ...COLUMNS, 'seconds', 'result'];

function row(r: ScenarioResult): string[] {
	return [
		r.name,
		String(r.serials),
		String(r.requests),
		String(r.retries),
		...COLUMNS.map((column) => String(r.findings.total(column))),
		r.seconds.toFixed(1),
		r.findings.failed ? 'FAIL' : 'ok',
	];
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(results: ScenarioResult[]): string[] {
	const rows = [HEADERS, ...results.map(row)];
	const widths = HEADERS.map((_, i) => Math.max(...rows.map((cells) => cells[i].length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
			.join('  ');
	return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

/** Why each failing scenario failed: one line per reason, with a few examples. */
export function reasons(results: ScenarioResult[]): string[] {
	const lines: string[] = [];
	for (const result of results) {
		if (!result.findings.failed) continue;
		lines.push(`${result.name} (seed ${result.seed}):`);
		const sorted = [...result.findings.reasons.values()].sort((a, b) => b.count - a.count);
		for (const reason of sorted) {
			lines.push(`  ${reason.column}: ${reason.count} × ${reason.text}`);
			lines.push(`    e.g. ${reason.examples.map((e) => JSON.stringify(e)).join(', ')}`);
		}
	}
	return lines;
}
