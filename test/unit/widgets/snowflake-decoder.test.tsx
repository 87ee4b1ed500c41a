// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { renderIntl } from './intl';
import { afterEach, describe, expect, it } from 'vitest';
import SnowflakeDecoder from '@/components/widgets/snowflake-decoder';
import { bitFields, parseId } from '@/components/widgets/snowflake/codec';
import { DEFAULT_LAYOUT } from '@/engine/idgen/snowflake-layout';

afterEach(cleanup);

// A known tweet ID: independently, timestamp = id >> 22 = 367597485448 ms after the Twitter epoch (2022-06-28 16:07:40.105 UTC).
const TWEET = '1541815603606036480';

describe('snowflake codec', () => {
  it('parses decimal strings exactly, beyond 2^53', () => {
    const r = parseId(' 9007199254740993 ');
    expect(r).toEqual({ ok: true, id: 9007199254740993n });
    expect(parseId('12a').ok).toBe(false);
    expect(parseId('9223372036854775808').ok).toBe(false);
    expect(parseId('9223372036854775807')).toEqual({ ok: true, id: 9223372036854775807n });
  });

  it('tags the 64 bits by field', () => {
    const bits = bitFields(DEFAULT_LAYOUT, 1n);
    expect(bits).toHaveLength(64);
    expect(bits[0]!.field).toBe('sign');
    expect(bits.at(-1)).toEqual({ bit: 1, field: 'sequenceBits' });
    expect(bits.filter((b) => b.field === 'timestampBits')).toHaveLength(41);
  });
});

describe('<SnowflakeDecoder>', () => {
  it('decodes a known ID into its parts and date', () => {
    renderIntl(<SnowflakeDecoder id={TWEET} />);
    const id = BigInt(TWEET);
    expect((screen.getByTestId('part-timestamp') as HTMLInputElement).value).toBe(String(id >> 22n));
    expect((screen.getByTestId('part-datacenter') as HTMLInputElement).value).toBe(String((id >> 17n) & 31n));
    expect((screen.getByTestId('part-worker') as HTMLInputElement).value).toBe(String((id >> 12n) & 31n));
    expect((screen.getByTestId('part-sequence') as HTMLInputElement).value).toBe(String(id & 4095n));
    expect(screen.getByTestId('snowflake-time').textContent).toContain('2022-06-28 16:07:40.105 UTC');
  });

  it('encodes edited parts back into an exact 64-bit ID', () => {
    renderIntl(<SnowflakeDecoder id={TWEET} />);
    fireEvent.change(screen.getByTestId('part-sequence'), { target: { value: '4095' } });
    const expected = (BigInt(TWEET) & ~4095n) | 4095n;
    expect((screen.getByTestId('snowflake-input') as HTMLInputElement).value).toBe(expected.toString());
  });

  it('re-decodes when the layout changes, and rejects a layout that does not add up to 63 bits', () => {
    renderIntl(<SnowflakeDecoder id={TWEET} />);
    fireEvent.change(screen.getByLabelText('Layout'), { target: { value: 'borrow' } });
    expect((screen.getByTestId('part-timestamp') as HTMLInputElement).value).toBe(String(BigInt(TWEET) >> 23n));
    fireEvent.change(screen.getByLabelText('worker bits'), { target: { value: '6' } });
    expect(screen.getByText(/must add up to 63 bits/)).toBeTruthy();
    expect(screen.queryByTestId('part-timestamp')).toBeNull();
  });

  it('reports a malformed ID instead of decoding it', () => {
    renderIntl(<SnowflakeDecoder />);
    fireEvent.change(screen.getByTestId('snowflake-input'), { target: { value: '12x' } });
    expect(screen.getByText('An ID is a decimal number: digits only.')).toBeTruthy();
  });
});
