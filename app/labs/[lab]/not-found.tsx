import Link from 'next/link';

export default function LabNotFound() {
  return (
    <section className="status-page" aria-labelledby="nf-title">
      <h1 id="nf-title">This lab does not exist</h1>
      <p className="muted">The link may be mistyped, or the lab was renamed.</p>
      <p>
        <Link className="button" href="/labs">
          Browse the labs
        </Link>
      </p>
    </section>
  );
}
