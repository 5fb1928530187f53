import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel">
      <h1>Not found</h1>
      <p>That page or record does not exist (it may have been deleted).</p>
      <Link href="/">Back to the dashboard</Link>
    </section>
  );
}
