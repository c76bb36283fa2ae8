defmodule Shop.Bucket do
  @moduledoc "Key-value buckets, and watchers that report their changes."

  @doc "Starts a watcher for `bucket`; stop it with `unwatch/1`."
  def watch(conn, bucket, handler) do
    Shop.Bucket.Watcher.start_link(conn: conn, bucket: bucket, handler: handler)
  end

  @doc "Stops a watcher that `watch/3` started."
  def unwatch(pid) do
    Shop.Bucket.Watcher.stop(pid)
  end

  # Near miss: nothing in the module stops what this starts.
  def mirror(conn, bucket) do
    Shop.Bucket.Mirror.start_link(conn: conn, bucket: bucket) #~ otp/unsupervised-start
  end
end
