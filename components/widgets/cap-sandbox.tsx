'use client';

// Not built yet: the lessons issue (8) replaces this with the live widget.
export default function Widget(props: Record<string, unknown>) {
  return (
    <div className="widget widget-pending" role="note">
      <strong>Interactive widget: cap-sandbox</strong>
      <p>This live widget is not available yet.{' '}{Object.keys(props).length ? `(${JSON.stringify(props)})` : null}</p>
    </div>
  );
}
