import type { Result } from './lib/result';
import type { ParameterReader } from './parameters';
import type { GroupSettings } from './requests';
import { settingsKey } from './requests';
import { FIELD_LABELS, itemSettingsSchema, normaliseGtin } from './validation';
import type { Source } from './vocabulary';
import { LIMITS } from './vocabulary';

/** The settings of one item, checked; productCode is '' for GS1 barcodes, which carry their own. */
export interface ItemSettings extends GroupSettings {
	batchSize: number;
	skipCheckDigitValidation: boolean;
	/** The settings key of the item's product, one object for every item with these settings
	 * (none for GS1 barcodes, whose packs have their own). */
	key?: { productCode: string; value: string };
}

type SettingsResult = Result<
	{ value: ItemSettings },
	{ field: string; problem: string; hint?: string }
>;

/** The last item's raw settings and their result: items that repeat them skip the checks. */
export interface SettingsMemo {
	raw?: unknown[];
	result?: SettingsResult;
	/** Whether none of the settings is an expression: then only the source can change them. */
	fixed?: boolean;
}

const NAMES = ['productCodeSchema', 'reason', 'sendToMarket', 'marketId'] as const;

function check(raw: unknown[], source: Source): SettingsResult {
	const [productCode, productCodeSchema, reason, sendToMarket, marketId, options] = raw;
	const { batchSize, skipCheckDigitValidation } = (options ?? {}) as Record<string, unknown>;
	const candidate = {
		productCodeSchema,
		reason,
		sendToMarket,
		marketId,
		batchSize: batchSize ?? LIMITS.batchSize.default,
		skipCheckDigitValidation: skipCheckDigitValidation ?? false,
	};
	const parsed = itemSettingsSchema.safeParse(candidate);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const key = String(issue.path[0]) as keyof typeof candidate;
		const got = JSON.stringify(candidate[key]) ?? 'nothing';
		const already = issue.message.includes('(got ');
		return {
			ok: false,
			field: FIELD_LABELS[key] ?? key,
			problem: already ? issue.message : `${issue.message} (got ${got})`,
		};
	}
	const settings = parsed.data as Omit<ItemSettings, 'productCode' | 'key'>;
	if (source === 'barcode') return { ok: true, value: { ...settings, productCode: '' } };
	const gtin = normaliseGtin(productCode, settings.skipCheckDigitValidation);
	if (!gtin.ok) return { ...gtin, field: FIELD_LABELS.productCode };
	const value = { ...settings, productCode: gtin.value };
	const key = { productCode: gtin.value, value: settingsKey(value) };
	return { ok: true, value: { ...value, key } };
}

/**
 * Reads and checks an item's settings. Most runs give every item the same settings, so an
 * item whose raw values equal the previous item's reuses that item's result.
 */
export function readItemSettings(
	params: ParameterReader,
	itemIndex: number,
	source: Source,
	memo: SettingsMemo,
): SettingsResult {
	memo.fixed ??= !['productCode', ...NAMES, 'options'].some((name) => params.isExpression(name));
	if (memo.fixed && memo.result && memo.raw?.[6] === source) return memo.result;
	const raw = [
		source === 'barcode' ? '' : params.get('productCode', itemIndex),
		params.get(NAMES[0], itemIndex, 'GTIN'),
		params.get(NAMES[1], itemIndex),
		params.get(NAMES[2], itemIndex),
		params.get(NAMES[3], itemIndex, ''),
		params.get('options', itemIndex, {}),
		source,
	];
	if (memo.result && memo.raw?.every((value, index) => value === raw[index])) return memo.result;
	const result = check(raw, source);
	memo.raw = raw;
	memo.result = result;
	return result;
}
