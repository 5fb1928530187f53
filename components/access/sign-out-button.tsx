/**
 * Ends the session on the server (the cookie alone is not enough), then shows the sign-in page. A plain
 * form posting a server action, so it works even before the page's scripts have loaded.
 */
export function SignOutButton({ signOut }: { signOut: () => Promise<void> }) {
  return (
    <form action={signOut}>
      <button type="submit" className="button small">
        Sign out
      </button>
    </form>
  );
}
