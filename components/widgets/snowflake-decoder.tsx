'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import './widgets.css';
import { DEFAULT_LAYOUT, BORROW_LAYOUT } from '@/engine/idgen/snowflake-layout';
import { bitFields, decodeId, encodeParts, EPOCHS, FIELDS, layoutError, PART_OF, parseId, sampleParts, type CodecError, type Field, type SnowflakeLayout, type SnowflakeParts } from './snowflake/codec';
import { SeedField } from './shared/seed-field';

const TONE: Record<Field | 'sign', string> = {
  timestampBits: 'var(--hr-0)',
  rollbackBits: 'var(--hr-6)',
  datacenterBits: 'var(--hr-1)',
  workerBits: 'var(--hr-3)',
  sequenceBits: 'var(--hr-2)',
  sign: 'var(--fg-muted)',
};
type PresetId = 'twitter' | 'borrow' | 'sonyflake-like';
const PRESETS: { id: PresetId; layout: SnowflakeLayout }[] = [
  { id: 'twitter', layout: DEFAULT_LAYOUT },
  { id: 'borrow', layout: BORROW_LAYOUT },
  { id: 'sonyflake-like', layout: { timestampBits: 39, rollbackBits: 0, datacenterBits: 0, workerBits: 8, sequenceBits: 16 } },
];
export const EXAMPLE_ID = '1541815603606036480';

/** Snowflake decoder/encoder on engine/idgen's encode/decode; bigint throughout. */
export default function SnowflakeDecoder({ id: initialId = EXAMPLE_ID, seed: initialSeed = 1 }: { id?: string; seed?: number }) {
  const uid = useId();
  const [text, setText] = useState(initialId);
  const [layout, setLayout] = useState<SnowflakeLayout>(DEFAULT_LAYOUT);
  const [epochMs, setEpochMs] = useState<number>(EPOCHS[0].ms);
  const [seed, setSeed] = useState(initialSeed);
  const [encodeError, setEncodeError] = useState<CodecError | null>(null);
  const t = useTranslations('widgets');
  const format = useFormatter();
  const FIELD_LABELS: Record<Field, string> = {
    timestampBits: t('snowflake.fields.timestamp'),
    rollbackBits: t('snowflake.fields.rollback'),
    datacenterBits: t('snowflake.fields.datacenter'),
    workerBits: t('snowflake.fields.worker'),
    sequenceBits: t('snowflake.fields.sequence'),
  };
  const presetLabel: Record<PresetId, string> = {
    twitter: t('snowflake.presets.twitter'),
    borrow: t('snowflake.presets.borrow'),
    'sonyflake-like': t('snowflake.presets.sonyflakeLike'),
  };
  const errorText = (e: CodecError): string => {
    switch (e.key) {
      case 'empty':
        return t('snowflake.errors.empty');
      case 'digits':
        return t('snowflake.errors.digits');
      case 'tooLarge':
        return t('snowflake.errors.tooLarge');
      case 'limits':
        return t('snowflake.errors.limits');
      case 'fieldBits':
        return t('snowflake.errors.fieldBits', { field: FIELD_LABELS[e.field], bits: String(e.bits) });
      case 'sum':
        return t('snowflake.errors.sum', { total: e.total });
      case 'partRange':
        return t('snowflake.errors.partRange', { field: FIELD_LABELS[e.field], value: String(e.value), bits: e.bits });
      case 'other':
        return e.message;
    }
  };

  const lErr = layoutError(layout);
  const parsed = parseId(text);
  const parts = parsed.ok && lErr === null ? decodeId(layout, parsed.id) : null;
  const bits = parsed.ok && lErr === null ? bitFields(layout, parsed.id) : null;
  const preset = PRESETS.find((p) => FIELDS.every((f) => p.layout[f] === layout[f]))?.id ?? 'custom';
  const when = parts ? new Date(epochMs + parts.timestamp) : null;

  const setPart = (key: keyof SnowflakeParts, value: string) => {
    if (parts === null) return;
    const v = Number(value);
    const next = { ...parts, [key]: v };
    const r = encodeParts(layout, next);
    if (r.ok) {
      setText(r.id.toString());
      setEncodeError(null);
    } else setEncodeError(r.error);
  };

  return (
    <section className="widget wg" aria-label={t('snowflake.region')} data-testid="snowflake">
      <div className="wg-head">
        <h3 className="wg-title">{t('snowflake.title')}</h3>
        <SeedField
          seed={seed}
          label={t('snowflake.sampleSeed')}
          onChange={(s) => {
            setSeed(s);
            if (lErr === null) {
              const r = encodeParts(layout, sampleParts(layout, s, epochMs));
              if (r.ok) setText(r.id.toString());
            }
          }}
        />
      </div>
      <label className="wg-label-stack" htmlFor={`${uid}-id`}>
        {t('snowflake.idLabel')}
      </label>
      <input id={`${uid}-id`} type="text" inputMode="numeric" spellCheck={false} value={text} onChange={(e) => setText(e.currentTarget.value)} aria-invalid={!parsed.ok} aria-describedby={`${uid}-err`} style={{ width: '100%', fontSize: '1.05rem' }} data-testid="snowflake-input" />
      <p id={`${uid}-err`} className="wg-error" aria-live="polite">
        {!parsed.ok ? errorText(parsed.error) : lErr ? errorText(lErr) : encodeError ? errorText(encodeError) : ''}
      </p>
      <div className="wg-toolbar">
        <label className="wg-label">
          {t('snowflake.layout')}
          <select value={preset} onChange={(e) => {
            const p = PRESETS.find((x) => x.id === e.currentTarget.value);
            if (p) setLayout(p.layout);
          }}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {presetLabel[p.id]}
              </option>
            ))}
            {preset === 'custom' ? <option value="custom">{t('snowflake.custom')}</option> : null}
          </select>
        </label>
        <label className="wg-label">
          {t('snowflake.epoch')}
          <select value={epochMs} onChange={(e) => setEpochMs(Number(e.currentTarget.value))}>
            {EPOCHS.map((ep) => (
              <option key={ep.id} value={ep.ms}>
                {ep.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="wg-fieldset">
        <legend>{t('snowflake.bitsPerField')}</legend>
        {FIELDS.map((f) => (
          <label key={f} className="wg-label-stack">
            {FIELD_LABELS[f]}
            <input type="number" min={0} max={52} value={layout[f]} onChange={(e) => setLayout({ ...layout, [f]: Math.max(0, Math.round(Number(e.currentTarget.value) || 0)) })} aria-label={t('snowflake.fieldBits', { field: FIELD_LABELS[f] })} />
          </label>
        ))}
        <span className={lErr ? 'wg-c-bad' : 'wg-muted'} style={{ fontSize: '0.85rem' }}>
          {t('snowflake.total', { total: FIELDS.reduce((s, f) => s + layout[f], 0) })}
        </span>
      </fieldset>
      {bits ? (
        <div className="wg-scroll">
          <svg viewBox="0 0 648 40" role="img" aria-label={t('snowflake.bitsLabel', { fields: FIELDS.filter((f) => layout[f] > 0).map((f) => t('snowflake.bitsField', { bits: layout[f], field: FIELD_LABELS[f] })).join(', ') })} style={{ minWidth: 480 }}>
            {bits.map((b, i) => (
              <g key={i}>
                <rect x={4 + i * 10} y={4} width={9} height={18} rx={2} style={{ fill: TONE[b.field], opacity: b.bit ? 0.95 : 0.25 }} />
                <text x={4 + i * 10 + 4.5} y={17} textAnchor="middle" style={{ fontSize: 9, fill: b.bit ? 'var(--bg)' : 'var(--fg)', fontFamily: 'var(--font-mono)' }}>
                  {b.bit}
                </text>
              </g>
            ))}
            {(() => {
              let start = 1;
              return FIELDS.filter((f) => layout[f] > 0).map((f) => {
                const x = 4 + start * 10;
                const w = layout[f] * 10;
                start += layout[f];
                return (
                  <text key={f} x={x + w / 2} y={35} textAnchor="middle" className="wg-svg-muted" style={{ fill: TONE[f] }}>
                    {layout[f] >= 3 ? FIELD_LABELS[f] : FIELD_LABELS[f][0]}
                  </text>
                );
              });
            })()}
          </svg>
        </div>
      ) : null}
      {parts ? (
        <div className="wg-scroll">
          <table className="wg-table" aria-label={t('snowflake.table')}>
            <thead>
              <tr>
                <th scope="col">{t('snowflake.field')}</th>
                <th scope="col">{t('snowflake.bits')}</th>
                <th scope="col">{t('snowflake.value')}</th>
                <th scope="col">{t('snowflake.meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.filter((f) => layout[f] > 0).map((f) => {
                const key = PART_OF[f];
                return (
                  <tr key={f}>
                    <th scope="row">
                      <span className="wg-swatch" style={{ color: TONE[f], marginRight: 6 }} aria-hidden />
                      {FIELD_LABELS[f]}
                    </th>
                    <td className="wg-mono">{layout[f]}</td>
                    <td>
                      <input type="number" min={0} max={2 ** layout[f] - 1} value={parts[key]} onChange={(e) => setPart(key, e.currentTarget.value)} aria-label={t('snowflake.fieldValue', { field: FIELD_LABELS[f] })} data-testid={`part-${key}`} style={{ width: f === 'timestampBits' ? '10rem' : '6rem' }} />
                    </td>
                    <td className="wg-muted">
                      {f === 'timestampBits' && when ? (
                        <span data-testid="snowflake-time">
                          {Number.isNaN(when.getTime()) ? t('snowflake.outOfRange') : when.toISOString().replace('T', ' ').replace('Z', ' UTC')} {t('snowflake.afterEpoch', { ms: format.number(parts.timestamp) })}
                        </span>
                      ) : f === 'sequenceBits' ? (
                        t('snowflake.sequence', { sequence: parts.sequence, max: format.number(2 ** layout.sequenceBits) })
                      ) : f === 'rollbackBits' ? (
                        t('snowflake.rollbackMeaning')
                      ) : (
                        t('snowflake.oneOf', { count: format.number(2 ** layout[f]) })
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="wg-note">
        {t.rich('snowflake.bigint', {
          code: (c) => <code>{c}</code>,
          mono: (c) => <span className="wg-mono">{c}</span>,
          id: EXAMPLE_ID,
          lost: format.number(Number(EXAMPLE_ID), { useGrouping: false }),
        })}
      </p>
    </section>
  );
}
