/** The skeleton shown while a page of an area that fetches data loads (each area's loading.tsx re-exports it). */
export default function PageLoading() {
  return (
    <div role="status" aria-live="polite" aria-label="Loading">
      <div className="skeleton" style={{ width: '40%', height: '2rem' }} />
      <div className="skeleton" />
      <div className="skeleton" style={{ width: '85%' }} />
      <div className="skeleton" style={{ width: '70%' }} />
    </div>
  );
}
