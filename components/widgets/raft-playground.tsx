'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import './widgets.css';
import { RaftTimeline } from '../viewer/raft-timeline';
import { TimeControls, formatMs } from '../viewer/time-controls';
import { TimelineLegend } from '../viewer/trace-replayer';
import { buildTimeline, messageKind, nextEventTime } from '../viewer/trace-model';
import { LOOKAHEAD_MS, MAX_RUN_MS, PlaygroundRun, type ActionResult, type NodeView, type PlaygroundAction, type ResultKey, type RunOptions, type TimedAction } from './raft/playground-run';
import { PlaybackClock } from './raft/playback-clock';
import { planScenario, SCENARIOS, type Caption, type CaptionKey, type ScenarioName, type SeedNote } from './raft/scenarios';
import { SeedField } from './shared/seed-field';

export interface RaftPlaygroundProps {
  nodes?: number;
  scenario?: ScenarioName;
  seed?: number;
}

interface World {
  run: PlaygroundRun;
  captions: Caption[];
  seedNote?: SeedNote;
  scenario: ScenarioName | 'custom';
}

const VW = 420;
const VH = 300;
const R = 24;
/** 1× is real time (raft/playback-clock.ts); it starts at 0.1×, slow enough to follow single messages. */
const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 10];
const DEFAULT_SPEED = 0.1;

function clampNodes(n: number): number {
  return Math.min(7, Math.max(3, Math.round(n)));
}

function build(options: RunOptions, scenario: ScenarioName | 'custom', actions?: TimedAction[], captions?: Caption[]): World {
  if (scenario !== 'custom' && actions === undefined) {
    const plan = planScenario(scenario, options);
    const run = new PlaygroundRun(plan.options, plan.actions);
    run.runTo(LOOKAHEAD_MS);
    return { run, captions: plan.captions, seedNote: plan.seedNote, scenario };
  }
  const run = new PlaygroundRun(options, actions ?? []);
  return { run, captions: captions ?? [], scenario };
}

/** Which side of the partition each node is on at time t (from the last partition/heal action). */
function sidesAt(actions: readonly TimedAction[], t: number, ids: number[]): Map<number, 0 | 1> {
  let groups: number[][] | null = null;
  for (const a of actions) {
    if (a.atMs > t) break;
    if (a.action.kind === 'partition') groups = a.action.groups.filter((g) => g.length > 0).length >= 2 ? a.action.groups : null;
    if (a.action.kind === 'heal') groups = null;
  }
  const sides = new Map<number, 0 | 1>();
  for (const id of ids) sides.set(id, groups !== null && groups.slice(1).some((g) => g.includes(id)) ? 1 : 0);
  return sides;
}

function layout(ids: number[], sides: Map<number, 0 | 1>): Map<number, { x: number; y: number }> {
  const pos = new Map<number, { x: number; y: number }>();
  const split = ids.some((id) => sides.get(id) === 1) && ids.some((id) => sides.get(id) === 0);
  if (!split) {
    ids.forEach((id, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / ids.length;
      pos.set(id, { x: VW / 2 + 115 * Math.cos(a), y: VH / 2 + 112 * Math.sin(a) });
    });
    return pos;
  }
  for (const side of [0, 1] as const) {
    const group = ids.filter((id) => sides.get(id) === side);
    const cx = side === 0 ? VW * 0.25 : VW * 0.75;
    group.forEach((id, i) => {
      if (group.length === 1) return pos.set(id, { x: cx, y: VH / 2 });
      const a = -Math.PI / 2 + (2 * Math.PI * i) / group.length;
      const r = group.length === 2 ? 60 : 72;
      pos.set(id, { x: cx + r * 0.75 * Math.cos(a), y: VH / 2 + r * Math.sin(a) });
    });
  }
  return pos;
}

type RoleName = NodeView['role'] | 'crashed';

/** The node's role as recorded in data-role (English, whatever the language); shown through widgets.raft.roles. */
function roleOf(n: NodeView): RoleName {
  return n.up ? n.role : 'crashed';
}

type Values = Record<string, string | number>;

/** The playground's words: scenario titles, roles, captions and action results in the learner's language. */
function useRaftWords() {
  const t = useTranslations('widgets');
  const scenarioTitles: Record<ScenarioName, string> = {
    steady: t('raft.scenarios.steady'),
    'leader-crash': t('raft.scenarios.leaderCrash'),
    'partition-leader': t('raft.scenarios.partitionLeader'),
    'split-vote': t('raft.scenarios.splitVote'),
    'figure-8': t('raft.scenarios.figure8'),
    'figure-8-commit': t('raft.scenarios.figure8Commit'),
    'rejoin-prevote': t('raft.scenarios.rejoinPrevote'),
  };
  const roles: Record<RoleName, string> = {
    leader: t('raft.roles.leader'),
    follower: t('raft.roles.follower'),
    candidate: t('raft.roles.candidate'),
    'pre-candidate': t('raft.roles.preCandidate'),
    crashed: t('raft.roles.crashed'),
  };
  const captions: Record<CaptionKey, (v: Values) => string> = {
    start: () => t('raft.captions.start'),
    steadyElected: (v) => t('raft.captions.steadyElected', v),
    steadyRequests: () => t('raft.captions.steadyRequests'),
    crashLeads: (v) => t('raft.captions.crashLeads', v),
    crashCrashes: (v) => t('raft.captions.crashCrashes', v),
    crashNext: (v) => t('raft.captions.crashNext', v),
    partitionLeads: (v) => t('raft.captions.partitionLeads', v),
    partitionSplit: (v) => t('raft.captions.partitionSplit', v),
    partitionElected: (v) => t('raft.captions.partitionElected', v),
    partitionHeal: (v) => t('raft.captions.partitionHeal', v),
    splitWatch: () => t('raft.captions.splitWatch'),
    splitWon: (v) => t('raft.captions.splitWon', v),
    rejoinLeads: (v) => t('raft.captions.rejoinLeads', v),
    rejoinCutPreVote: (v) => t('raft.captions.rejoinCutPreVote', v),
    rejoinCutNoPreVote: (v) => t('raft.captions.rejoinCutNoPreVote', v),
    rejoinHealPreVote: (v) => t('raft.captions.rejoinHealPreVote', v),
    rejoinHealNoPreVote: (v) => t('raft.captions.rejoinHealNoPreVote', v),
    figure8NeedsFive: () => t('raft.captions.figure8NeedsFive'),
    figure8Setup: () => t('raft.captions.figure8Setup'),
    figure8A: () => t('raft.captions.figure8A'),
    figure8B: () => t('raft.captions.figure8B'),
    figure8C: () => t('raft.captions.figure8C'),
    figure8W: () => t('raft.captions.figure8W'),
    figure8D: () => t('raft.captions.figure8D'),
    figure8E: () => t('raft.captions.figure8E'),
    figure8EAfter: () => t('raft.captions.figure8EAfter'),
  };
  const results: Record<ResultKey, (v: Values) => string> = {
    dropped: (v) => t('raft.results.dropped', v),
    crashed: (v) => t('raft.results.crashed', v),
    restarted: (v) => t('raft.results.restarted', v),
    healed: () => t('raft.results.healed'),
    partition: (v) => t('raft.results.partition', v),
    refusedNoLeader: (v) => t('raft.results.refusedNoLeader', v),
    refusedDown: (v) => t('raft.results.refusedDown', v),
    refusedNotLeader: (v) => t('raft.results.refusedNotLeader', v),
    proposed: (v) => t('raft.results.proposed', v),
    timeoutDown: (v) => t('raft.results.timeoutDown', v),
    timeoutLeads: (v) => t('raft.results.timeoutLeads', v),
    timeoutFired: (v) => t('raft.results.timeoutFired', v),
    dropArmed: (v) => t('raft.results.dropArmed', v),
  };
  return {
    scenarioTitle: (s: ScenarioName) => scenarioTitles[s],
    role: (n: NodeView) => roles[roleOf(n)],
    caption: (c: Caption) => {
      const v: Values = {};
      for (const [k, x] of Object.entries(c.values ?? {})) v[k] = typeof x === 'boolean' ? (x ? t('raft.on') : t('raft.off')) : x;
      return captions[c.key](v);
    },
    result: (r: ActionResult) => results[r.key](r.values),
    seedNote: (n: SeedNote) => (n.key === 'splitSeed' ? t('raft.seedNotes.splitSeed', { seed: n.seed, from: n.from }) : t('raft.seedNotes.figure8')),
  };
}

/** The Raft cluster playground: engine/raft's reference engine in engine/sim's deterministic world. */
export default function RaftPlayground({ nodes: nodesProp = 5, scenario: scenarioProp = 'steady', seed: seedProp = 1 }: RaftPlaygroundProps) {
  const tw = useTranslations('widgets');
  const locale = useLocale();
  const words = useRaftWords();
  const initialScenario: ScenarioName = SCENARIOS.includes(scenarioProp) ? scenarioProp : 'steady';
  const [options, setOptions] = useState<RunOptions>(() => ({ nodes: clampNodes(nodesProp), seed: seedProp, preVote: initialScenario === 'rejoin-prevote', checkQuorum: initialScenario === 'rejoin-prevote' }));
  const [world, setWorld] = useState<World>(() => build(options, initialScenario));
  const [displayMs, setDisplayMs] = useState(0);
  const [playing, setPlaying] = useState(() => typeof window === 'undefined' || !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
  const [speed, setSpeed] = useState(DEFAULT_SPEED);
  const [, force] = useState(0);
  const [showHeartbeats, setShowHeartbeats] = useState(false);
  const [dropFrom, setDropFrom] = useState(1);
  const [dropTo, setDropTo] = useState(2);
  const [tookOverAt, setTookOverAt] = useState<number | null>(null);
  const nextValue = useRef(1);
  const drag = useRef<{ id: number; x0: number; y0: number; moved: boolean } | null>(null);
  const [dragPos, setDragPos] = useState<{ id: number; x: number; y: number } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const run = world.run;
  const ids = useMemo(() => run.cluster.ids.slice(), [run]);
  const knownMs = Math.max(0, run.nowMs() - LOOKAHEAD_MS);
  const t = Math.min(displayMs, knownMs);
  const frame = run.frameAt(t);
  const leader = frame.nodes.filter((n) => n.up && n.role === 'leader').sort((a, b) => b.term - a.term)[0] ?? null;
  const sides = sidesAt(run.actions, t, ids);
  const pos = layout(ids, sides);
  const split = ids.some((id) => sides.get(id) === 1);

  // The virtual time is the clock's, advanced from the real clock on every frame; React state only
  // mirrors it for rendering (adding each frame to the last render's value lost the frames React had
  // not rendered yet).
  const [clock] = useState(() => new PlaybackClock(() => performance.now(), MAX_RUN_MS - LOOKAHEAD_MS));
  const live = useRef({ run, speed });
  useEffect(() => {
    live.current = { run, speed };
  });
  const seek = useCallback(
    (ms: number) => {
      clock.seek(ms);
      setDisplayMs(ms);
    },
    [clock],
  );
  useEffect(() => {
    if (!playing) return;
    clock.play();
    let handle = 0;
    const loop = () => {
      const next = clock.frame(live.current.speed);
      live.current.run.runTo(next + LOOKAHEAD_MS);
      setDisplayMs(next);
      if (clock.atEnd) setPlaying(false);
      else handle = requestAnimationFrame(loop);
    };
    handle = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(handle);
      clock.pause();
    };
  }, [playing, clock]);

  const traceLen = run.cluster.trace.events.length;
  const timeline = useMemo(() => buildTimeline(run.cluster.trace.events, { nodes: ids }), [run, ids, traceLen]); // eslint-disable-line react-hooks/exhaustive-deps

  const reset = useCallback((opts: RunOptions, scenario: ScenarioName | 'custom') => {
    setOptions(opts);
    setWorld(build(opts, scenario));
    seek(0);
    setTookOverAt(null);
    nextValue.current = 1;
  }, [seek]);

  /** Act at the displayed moment: keep the past, replace the future with this action. */
  const act = (action: PlaygroundAction) => {
    const at = Math.round(t);
    const kept = run.actions.filter((a) => a.atMs <= at);
    const droppedFuture = kept.length < run.actions.length;
    const captions = world.captions.filter((c) => c.atMs <= at);
    const next = build(run.options, 'custom', [...kept, { atMs: at, action }], captions);
    next.run.runTo(at + LOOKAHEAD_MS);
    setWorld({ ...next, seedNote: world.seedNote });
    seek(at);
    if ((droppedFuture || at < knownMs - 1) && (tookOverAt === null || at < tookOverAt)) setTookOverAt(at);
  };

  const toggleNode = (id: number) => {
    const n = frame.nodes.find((v) => v.id === id)!;
    act(n.up ? { kind: 'crash', node: id } : { kind: 'restart', node: id });
  };
  const moveAcross = (id: number) => {
    const next = new Map(sides);
    next.set(id, sides.get(id) === 1 ? 0 : 1);
    const a = ids.filter((x) => next.get(x) === 0);
    const b = ids.filter((x) => next.get(x) === 1);
    act(a.length === 0 || b.length === 0 ? { kind: 'heal' } : { kind: 'partition', groups: [a, b] });
  };
  const propose = () => act({ kind: 'propose', value: `c${nextValue.current++}` });

  const toSvg = (e: ReactPointerEvent) => {
    const r = svgRef.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * VW, y: ((e.clientY - r.top) / r.height) * VH };
  };
  const onPointerDown = (id: number) => (e: ReactPointerEvent<SVGGElement>) => {
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const p = toSvg(e);
    drag.current = { id, x0: p.x, y0: p.y, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<SVGGElement>) => {
    const d = drag.current;
    if (d === null) return;
    const p = toSvg(e);
    if (!d.moved && Math.hypot(p.x - d.x0, p.y - d.y0) < 8) return;
    d.moved = true;
    setDragPos({ id: d.id, x: p.x, y: p.y });
  };
  const onPointerUp = (e: ReactPointerEvent<SVGGElement>) => {
    const d = drag.current;
    drag.current = null;
    setDragPos(null);
    if (d === null) return;
    if (!d.moved) return toggleNode(d.id);
    const p = toSvg(e);
    const targetSide: 0 | 1 = p.x > VW / 2 ? 1 : 0;
    // Without a partition every node sits in the middle: dragging to either edge pulls it out.
    const currentSide = sides.get(d.id) ?? 0;
    if (!split ? Math.abs(p.x - VW / 2) > 60 : targetSide !== currentSide) {
      if (!split && targetSide === 0) {
        // Pulled to the left: the rest moves right.
        const others = ids.filter((x) => x !== d.id);
        act({ kind: 'partition', groups: [[d.id], others] });
      } else moveAcross(d.id);
    }
  };
  const onNodeKey = (id: number) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggleNode(id);
    } else if (e.key === 'm' || e.key === 'M') {
      e.preventDefault();
      moveAcross(id);
    }
  };

  const caption = [...world.captions].reverse().find((c) => c.atMs <= t);
  const recent = run.results.filter((r) => r.atMs <= t).slice(-3).reverse();
  const inflight = timeline.messages.filter((m) => m.sentMs <= t && (m.endMs === null ? true : m.endMs > t || (m.outcome === 'drop' && t - m.endMs < 150)));
  const violations = run.checker.violations.filter((v) => v.tMs <= t);

  return (
    <section className="widget wg" aria-label={tw('raft.titleScenario', { scenario: words.scenarioTitle(initialScenario) })} data-testid="raft-playground">
      <div className="wg-head">
        <h3 className="wg-title">
          {world.scenario === 'custom'
            ? tw('raft.title')
            : tw('raft.titleScenario', { scenario: locale === 'en' ? words.scenarioTitle(world.scenario).toLowerCase() : words.scenarioTitle(world.scenario) })}
        </h3>
        <SeedField seed={options.seed} onChange={(seed) => reset({ ...options, seed }, world.scenario === 'custom' ? initialScenario : world.scenario)} />
      </div>
      <div className="wg-toolbar">
        <label className="wg-label">
          {tw('raft.scenario')}
          <select value={world.scenario} onChange={(e) => e.currentTarget.value !== 'custom' && reset(options, e.currentTarget.value as ScenarioName)}>
            {SCENARIOS.map((s) => (
              <option key={s} value={s}>
                {words.scenarioTitle(s)}
              </option>
            ))}
            {world.scenario === 'custom' ? <option value="custom">{tw('raft.ownRunOption')}</option> : null}
          </select>
        </label>
        <label className="wg-label">
          {tw('raft.nodes')}
          <select value={options.nodes} onChange={(e) => reset({ ...options, nodes: Number(e.currentTarget.value) }, world.scenario === 'custom' ? 'steady' : world.scenario)}>
            {[3, 4, 5, 6, 7].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="wg-label">
          <input type="checkbox" checked={run.options.preVote} onChange={(e) => reset({ ...options, preVote: e.currentTarget.checked }, world.scenario === 'custom' ? 'steady' : world.scenario)} /> PreVote
        </label>
        <label className="wg-label">
          <input type="checkbox" checked={run.options.checkQuorum} onChange={(e) => reset({ ...options, checkQuorum: e.currentTarget.checked }, world.scenario === 'custom' ? 'steady' : world.scenario)} /> CheckQuorum
        </label>
      </div>
      {world.seedNote ? <p className="wg-sub">{words.seedNote(world.seedNote)}</p> : null}
      <p className="wg-note" aria-live="polite" data-testid="raft-caption">
        {tookOverAt !== null && t >= tookOverAt
          ? tw('raft.tookOver', { time: formatMs(tookOverAt) })
          : caption
            ? words.caption(caption)
            : tw('raft.ownRun')}
      </p>
      <div className="wg-split">
        <div className="wg-panel" style={{ padding: '0.25rem' }}>
          <svg ref={svgRef} viewBox={`0 0 ${VW} ${VH}`} role="group" aria-label={tw('raft.clusterLabel')}>
            {split ? (
              <g>
                <line x1={VW / 2} x2={VW / 2} y1={10} y2={VH - 10} className="rv-msg rv-msg-drop" strokeWidth={2} />
                <text x={VW / 2} y={VH - 2} textAnchor="middle" className="sp-bound-label">
                  {tw('raft.partition')}
                </text>
              </g>
            ) : (
              <text x={VW / 2} y={VH - 4} textAnchor="middle" className="wg-svg-muted">
                {tw('raft.dragHint')}
              </text>
            )}
            {ids.flatMap((a) =>
              ids
                .filter((b) => b > a && sides.get(a) === sides.get(b))
                .map((b) => <line key={`${a}-${b}`} x1={pos.get(a)!.x} y1={pos.get(a)!.y} x2={pos.get(b)!.x} y2={pos.get(b)!.y} className="wg-svg-grid" />),
            )}
            {inflight.map((m) => {
              const a = pos.get(m.from);
              const b = pos.get(m.to);
              if (!a || !b) return null;
              const dropped = m.outcome === 'drop' && m.endMs !== null && m.endMs <= t;
              const span = (m.endMs ?? m.sentMs + 20) - m.sentMs;
              const f = dropped ? (m.why === 'loss' ? 0.15 : 0.85) : span > 0 ? Math.min(1, (t - m.sentMs) / span) : 1;
              const x = a.x + (b.x - a.x) * f;
              const y = a.y + (b.y - a.y) * f;
              if (dropped)
                return (
                  <g key={m.id} className="rv-x">
                    <line className="rv-x" x1={x - 5} y1={y - 5} x2={x + 5} y2={y + 5} />
                    <line className="rv-x" x1={x - 5} y1={y + 5} x2={x + 5} y2={y - 5} />
                  </g>
                );
              const kind = messageKind(m.type);
              const isReply = m.type.endsWith('Response');
              return <circle key={m.id} cx={x} cy={y} r={kind === 'append' && (m.n ?? 0) > 0 ? 6 : 4} className={`rv-msg rv-msg-${kind}`} style={{ fill: isReply ? 'var(--bg-raised)' : 'currentColor' }} strokeWidth={2} />;
            })}
            {frame.nodes.map((n) => {
              const p = dragPos?.id === n.id ? dragPos : pos.get(n.id)!;
              const cls = !n.up ? 'rv-band-down' : `rv-band-${n.role}`;
              return (
                <g key={n.id} transform={`translate(${p.x},${p.y})`}>
                  <g
                    role="button"
                    tabIndex={0}
                    aria-label={n.up ? tw('raft.nodeLabelUp', { id: n.id, role: words.role(n), term: n.term, commit: n.commit }) : tw('raft.nodeLabelDown', { id: n.id, role: words.role(n), term: n.term, commit: n.commit })}
                    onKeyDown={onNodeKey(n.id)}
                    onPointerDown={onPointerDown(n.id)}
                    onPointerMove={onPointerMove}
                    onPointerUp={onPointerUp}
                    onPointerCancel={() => {
                      drag.current = null;
                      setDragPos(null);
                    }}
                    style={{ cursor: 'grab', touchAction: 'none' }}
                    data-testid={`raft-node-${n.id}`}
                    data-role={roleOf(n)}
                  >
                    <circle r={R + 4} className={n.up && n.role === 'leader' ? 'rv-cursor' : 'wg-svg-grid'} fill="var(--bg-raised)" strokeWidth={n.up && n.role === 'leader' ? 3 : 1} />
                    <circle r={R} className={cls} />
                  </g>
                  {/* The drawn text sits outside the button: its label says all of it (WCAG label in name). */}
                  <text y={-3} textAnchor="middle" className="rv-lane-label" aria-hidden="true" pointerEvents="none">
                    {n.id}
                  </text>
                  <text y={12} textAnchor="middle" className="rv-term" aria-hidden="true" pointerEvents="none">
                    {n.up ? `t${n.term}` : '✕'}
                  </text>
                  <text y={R + 16} textAnchor="middle" className="wg-svg-muted" aria-hidden="true" pointerEvents="none">
                    {words.role(n)}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
        <div className="wg-panel">
          <h4>{tw('raft.actAt', { time: formatMs(t) })}</h4>
          <div className="wg-toolbar">
            <button type="button" className="wg-primary" onClick={propose}>
              {tw('raft.sendRequest')}
            </button>
            <button type="button" onClick={() => act({ kind: 'heal' })} disabled={!split}>
              {tw('raft.heal')}
            </button>
            {leader ? (
              <button type="button" className="wg-danger" onClick={() => moveAcross(leader.id)} disabled={split}>
                {tw('raft.isolateLeader')}
              </button>
            ) : null}
          </div>
          <div className="wg-toolbar" style={{ marginTop: '0.5rem' }}>
            <span className="wg-label" style={{ flexBasis: '100%' }}>{tw('raft.dropNext')}</span>
            <label className="wg-label">
              {tw('raft.from')}
              <select value={dropFrom} onChange={(e) => setDropFrom(Number(e.currentTarget.value))} aria-label={tw('raft.dropFrom')}>
                {ids.map((id) => (
                  <option key={id}>{id}</option>
                ))}
              </select>
            </label>
            <label className="wg-label">
              {tw('raft.to')}
              <select value={dropTo} onChange={(e) => setDropTo(Number(e.currentTarget.value))} aria-label={tw('raft.dropTo')}>
                {ids.map((id) => (
                  <option key={id}>{id}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => act({ kind: 'drop-next', from: dropFrom, to: dropTo })} disabled={dropFrom === dropTo}>
              {tw('raft.drop')}
            </button>
          </div>
          <p className="wg-sub" data-testid="raft-leader" aria-live="polite" style={{ marginTop: '0.5rem' }}>
            {leader ? tw('raft.leader', { id: leader.id, term: leader.term }) : tw('raft.noLeader')}
          </p>
          <ul className="wg-legend" aria-label={tw('raft.recent')} style={{ flexDirection: 'column', alignItems: 'flex-start' }}>
            {recent.map((r, i) => (
              <li key={`${r.atMs}-${i}`} className={r.ok ? 'wg-c-fg' : 'wg-c-bad'}>
                <span className="wg-mono wg-muted" style={{ whiteSpace: 'nowrap' }}>{formatMs(r.atMs)}</span> {words.result(r)}
              </li>
            ))}
          </ul>
          {violations.length > 0 ? (
            <p className="wg-note" data-tone="bad" role="alert">
              {tw('raft.violation', { rule: violations[0]!.rule, detail: violations[0]!.detail })}
            </p>
          ) : null}
        </div>
      </div>
      <TimeControls
        timeMs={t}
        minMs={0}
        maxMs={knownMs}
        onTimeChange={(v) => {
          setPlaying(false);
          seek(v);
        }}
        playing={playing}
        onPlayingChange={setPlaying}
        speed={speed}
        onSpeedChange={setSpeed}
        speeds={SPEEDS}
        onStep={() => {
          setPlaying(false);
          run.runTo(t + 200 + LOOKAHEAD_MS);
          const n = nextEventTime(timeline, t) ?? t + 10;
          seek(Math.min(n, Math.max(0, run.nowMs() - LOOKAHEAD_MS)));
          force((x) => x + 1);
        }}
        stepMs={1}
        label={tw('raft.clusterTime')}
      />
      <div className="wg-scroll">
        <table className="wg-table" aria-label={tw('raft.table.label')}>
          <thead>
            <tr>
              <th scope="col">{tw('raft.table.node')}</th>
              <th scope="col">{tw('raft.table.role')}</th>
              <th scope="col">{tw('raft.table.term')}</th>
              <th scope="col">{tw('raft.table.commit')}</th>
              <th scope="col">{tw('raft.table.log')}</th>
              <th scope="col">{tw('raft.table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {frame.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row">{n.id}</th>
                <td className={!n.up ? 'wg-c-bad' : n.role === 'leader' ? 'wg-c-accent' : n.role === 'follower' ? '' : 'wg-c-warn'}>{words.role(n)}</td>
                <td className="wg-mono">{n.term}</td>
                <td className="wg-mono">{n.commit}</td>
                <td>
                  <span className="sr-only">{tw('raft.log.label', { id: n.id, entries: n.entries.map((e) => tw('raft.log.entry', { index: e.index, term: e.term, data: e.data ?? tw('raft.log.noop') })).join(locale === 'en' ? ', ' : '；') || tw('raft.log.empty') })}</span>
                  <span className="rp-log" aria-hidden="true">
                    {n.entries.map((e) => (
                      <span key={e.index} className="rp-entry" data-committed={e.index <= n.commit} title={tw('raft.log.entryTitle', { index: e.index, term: e.term, data: e.data ?? tw('raft.log.noop') })}>
                        <span className="rp-entry-term">{e.term}</span>
                        <span className="rp-entry-data">{e.data ?? '·'}</span>
                      </span>
                    ))}
                  </span>
                </td>
                <td>
                  <span className="wg-group">
                    <button type="button" className={n.up ? 'wg-danger' : ''} onClick={() => toggleNode(n.id)} aria-label={n.up ? tw('raft.crashNode', { id: n.id }) : tw('raft.restartNode', { id: n.id })}>
                      {n.up ? tw('raft.crash') : tw('raft.restart')}
                    </button>
                    <button type="button" onClick={() => moveAcross(n.id)} aria-label={tw('raft.moveNode', { id: n.id })}>
                      ⇄
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details open>
        <summary>{tw('raft.timeline')}</summary>
        <div className="wg-toolbar">
          <label className="wg-label">
            <input type="checkbox" checked={showHeartbeats} onChange={(e) => setShowHeartbeats(e.currentTarget.checked)} /> {tw('raft.showAll')}
          </label>
        </div>
        <RaftTimeline timeline={timeline} timeMs={t} windowMs={2000} showHeartbeats={showHeartbeats} title={tw('raft.timelineTitle')} />
        <TimelineLegend />
      </details>
    </section>
  );
}
