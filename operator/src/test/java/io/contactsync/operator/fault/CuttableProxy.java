package io.contactsync.operator.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of a server, which a test can cut (every connection closed, new ones refused) and
 * restore on the same port: how a crashed, restarting or partitioned server looks to its clients.
 */
public final class CuttableProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesToServer = new AtomicLong();
  private final int port;
  private volatile ServerSocket listening;

  public CuttableProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.port = listen(0);
  }

  public int port() {
    return port;
  }

  /** Bytes clients have sent through the proxy so far: a way to cut in the middle of a transfer. */
  long bytesToServer() {
    return bytesToServer.get();
  }

  /** Closes every connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() throws IOException {
    if (listening != null) listening.close();
    listening = null;
    for (Socket s : open) s.close();
    open.clear();
  }

  public synchronized void restore() throws IOException {
    if (listening == null) listen(port);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private synchronized int listen(int onPort) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    listening = server;
    Thread acceptor = new Thread(() -> accept(server), "proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        pump(client, upstream, bytesToServer);
        pump(upstream, client, new AtomicLong());
      } catch (IOException e) {
        return; // cut
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicLong counted) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          counted.addAndGet(n);
        }
      } catch (IOException e) {
        // one side closed or the proxy was cut: close both
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
