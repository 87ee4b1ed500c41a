/** The replay viewer, shared by the lesson widgets and the lab workspace (issue 7). */
export { TraceReplayer, TimelineLegend, type TraceReplayerProps } from './trace-replayer';
export { RaftTimeline, visibleWindow, type RaftTimelineProps } from './raft-timeline';
export { SeriesPlot, niceScale, seriesExtent, type PlotSeries, type PlotBound, type PlotTone, type SeriesPlotProps } from './series-plot';
export { TimeControls, useAnimationFrames, formatMs, DEFAULT_SPEEDS, type TimeControlsProps } from './time-controls';
export { replayFocus, reportedTimeMs, rpcBudget, type ReplayFocus, type FailureInfo, type FocusAnchor, type MessageKindName } from './replay-focus';
export { buildTimeline, bandAt, nextEventTime, isHeartbeat, describeMessage, ENGLISH_MESSAGE_TEXTS, type MessageTexts, type Timeline, type TimelineMessage, type TraceInput, type Band } from './trace-model';
