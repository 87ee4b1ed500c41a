export default function LabLoading() {
  return (
    <div role="status" aria-live="polite" aria-label="Loading the lab">
      <div className="skeleton" style={{ width: '35%', height: '2rem' }} />
      <div className="skeleton" style={{ height: '60vh' }} />
    </div>
  );
}
