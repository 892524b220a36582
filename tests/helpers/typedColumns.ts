import { Decimal, makeData, type Data, type Timestamp } from 'apache-arrow';

/** A Decimal128 column from unscaled BigInt values (null for null), as Arrow lays it out: four little-endian words per value. */
export function decimalColumn(unscaled: readonly (bigint | null)[], precision: number, scale: number): Data<Decimal> {
  const words = new Uint32Array(unscaled.length * 4);
  const bitmap = new Uint8Array((unscaled.length + 7) >> 3);
  let nullCount = 0;
  unscaled.forEach((value, r) => {
    if (value === null) {
      nullCount++;
      return;
    }
    bitmap[r >> 3]! |= 1 << (r & 7);
    let v = BigInt.asUintN(128, value);
    for (let w = 0; w < 4; w++, v >>= 32n) words[r * 4 + w] = Number(v & 0xffffffffn);
  });
  return makeData({ type: new Decimal(scale, precision, 128), length: unscaled.length, nullCount, data: words, ...(nullCount > 0 ? { nullBitmap: bitmap } : {}) });
}

/** A timestamp column from raw values in the type's unit (Arrow JS builders take milliseconds). */
export function timestampColumn(raw: readonly (bigint | null)[], type: Timestamp): Data<Timestamp> {
  const bitmap = new Uint8Array((raw.length + 7) >> 3);
  raw.forEach((v, r) => {
    if (v !== null) bitmap[r >> 3]! |= 1 << (r & 7);
  });
  const nullCount = raw.filter((v) => v === null).length;
  return makeData({ type, length: raw.length, nullCount, data: BigInt64Array.from(raw, (v) => v ?? 0n) as never, ...(nullCount > 0 ? { nullBitmap: bitmap } : {}) });
}
