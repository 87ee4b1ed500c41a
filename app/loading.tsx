export default function Loading() {
  return (
    <div role="status" aria-live="polite" aria-label="Loading">
      <div className="skeleton" style={{ width: '40%', height: '2rem' }} />
      <div className="skeleton" />
      <div className="skeleton" style={{ width: '85%' }} />
      <div className="skeleton" style={{ width: '70%' }} />
    </div>
  );
}
