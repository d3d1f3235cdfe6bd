import { useApp } from '../app/app-context';

/** "Open link ↗": opens a source's URL in the system browser (the client checks the scheme); failures become a notice. */
export function OpenLinkButton({ url }: { url: string }) {
  const { client, actions } = useApp();
  return (
    <button
      type="button"
      className="bd-link-button"
      title={url}
      onClick={() =>
        void client.openExternal(url).then((result) => { // eng-disable OPEN_EXTERNAL_JS_CHECK -- our IPC/HTTP call, not shell.openExternal; main allows only http, https and mailto
          if (!result.ok) actions.showError(result.error);
        })
      }
    >
      Open link ↗
    </button>
  );
}
