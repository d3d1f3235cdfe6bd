import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of the error boundary. */
export interface ErrorBoundaryProps {
  children: ReactNode;
  /** Saves what can be saved before reloading (bounded by the boundary). */
  onBeforeReload: () => Promise<void>;
}

/**
 * Never a blank screen: a render error shows what happened and a Reload button that first tries to
 * save the open note (the editor's content lives outside React, in the autosave session).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null; reloading: boolean }> {
  override state: { error: Error | null; reloading: boolean } = { error: null, reloading: false };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Briefing Desk hit a bug while drawing the window', error, info.componentStack);
  }

  private reload = async (): Promise<void> => {
    this.setState({ reloading: true });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000));
    try {
      await Promise.race([this.props.onBeforeReload(), timeout]);
    } finally {
      window.location.reload();
    }
  };

  override render(): ReactNode {
    const { error, reloading } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="bd-crash" role="alert">
        <h1>Something went wrong in this window</h1>
        <p>Briefing Desk hit a bug while drawing the window. Your notes are stored on disk; reloading saves the open note first.</p>
        <pre className="bd-crash__detail">{error.message}</pre>
        <button type="button" className="bd-button bd-button--primary" disabled={reloading} onClick={() => void this.reload()}>
          {reloading ? 'Saving and reloading…' : 'Reload'}
        </button>
      </div>
    );
  }
}
