import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="status-page" aria-labelledby="nf-title">
      <p className="code" aria-hidden="true">
        404
      </p>
      <h1 id="nf-title">This page does not exist</h1>
      <p className="muted">The link may be old, or the lesson may have moved.</p>
      <p>
        <Link className="button" href="/">
          Browse the topics
        </Link>
      </p>
    </section>
  );
}
