package org.clouddisk.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.csource.fastdfs.ProtoCommon;

/**
 * The trackers of a FastDFS cluster, asked in turn which storage server serves an operation. The library's
 * TrackerClient cannot be used for this: it connects to the storage server it found, and the point of the pool is
 * that the store takes that connection from it instead.
 */
final class FastDfsTrackers {

    private static final int GROUP_NAME_BYTES = ProtoCommon.FDFS_GROUP_NAME_MAX_LEN;
    private static final int IP_BYTES = ProtoCommon.FDFS_IPADDR_SIZE - 1;

    /** Which tracker query finds the storage server: where to upload, where to read, or the source copy. */
    enum Route {
        STORE(ProtoCommon.TRACKER_PROTO_CMD_SERVICE_QUERY_STORE_WITHOUT_GROUP_ONE),
        FETCH(ProtoCommon.TRACKER_PROTO_CMD_SERVICE_QUERY_FETCH_ONE),
        UPDATE(ProtoCommon.TRACKER_PROTO_CMD_SERVICE_QUERY_UPDATE);

        final byte trackerCommand;

        Route(byte trackerCommand) {
            this.trackerCommand = trackerCommand;
        }
    }

    /** The storage server a tracker chose, and for uploads the store path on it. */
    record StorageTarget(InetSocketAddress address, int storePathIndex) {
    }

    private final String trackers;
    private final InetSocketAddress[] addresses;
    private final AtomicInteger next = new AtomicInteger();
    private final FastDfsConnectionPool pool;

    /**
     * @param trackers "host:port[,host:port...]"
     * @param pool where the tracker connections come from and go back to
     */
    FastDfsTrackers(String trackers, FastDfsConnectionPool pool) {
        this.addresses = parse(trackers);
        this.trackers = trackers.trim();
        this.pool = pool;
    }

    InetSocketAddress[] addresses() {
        return addresses.clone();
    }

    private static InetSocketAddress[] parse(String trackers) {
        Objects.requireNonNull(trackers, "trackers");
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : trackers.split(",")) {
            String hostPort = entry.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("FastDFS tracker must be host:port, got '" + hostPort + "'");
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("FastDFS tracker port is not a number in '" + hostPort + "'", e);
            }
            addresses.add(new InetSocketAddress(hostPort.substring(0, colon), port));
        }
        return addresses.toArray(new InetSocketAddress[0]);
    }

    /**
     * Asks a tracker (the next one in turn; the others when it cannot be reached) which storage server serves
     * the route; {@code fileId} is null for {@link Route#STORE}.
     */
    StorageTarget locate(Route route, String fileId) throws IOException {
        byte[] request = request(route, fileId);
        IOException unreachable = null;
        for (int attempt = 0; attempt < addresses.length; attempt++) {
            InetSocketAddress address = addresses[Math.floorMod(next.getAndIncrement(), addresses.length)];
            FastDfsConnection tracker;
            try {
                tracker = pool.borrow(address);
            } catch (IOException e) {
                unreachable = e;
                continue;
            }
            boolean succeeded = false;
            try {
                tracker.socket().getOutputStream().write(request);
                ProtoCommon.RecvPackageInfo answer = ProtoCommon.recvPackage(tracker.socket().getInputStream(),
                        ProtoCommon.TRACKER_PROTO_CMD_RESP, -1);
                if (answer.errno != 0) {
                    // Also an unknown group: the tracker cannot tell that apart from a group with no live storage.
                    throw new IOException("FastDFS tracker found no storage server"
                            + (fileId == null ? "" : " for " + fileId) + ", status " + answer.errno);
                }
                StorageTarget target = target(route, answer.body);
                succeeded = true;
                return target;
            } finally {
                pool.release(tracker, succeeded);
            }
        }
        throw new IOException("no FastDFS tracker reachable at " + trackers, unreachable);
    }

    /** Header, then for a file: group name (16 bytes, zero padded) and the name within the group. */
    private static byte[] request(Route route, String fileId) throws IOException {
        byte[] body = new byte[0];
        if (route != Route.STORE) {
            int slash = fileId.indexOf('/');
            byte[] group = fileId.substring(0, slash).getBytes(StandardCharsets.UTF_8);
            byte[] name = fileId.substring(slash + 1).getBytes(StandardCharsets.UTF_8);
            body = new byte[GROUP_NAME_BYTES + name.length];
            System.arraycopy(group, 0, body, 0, Math.min(group.length, GROUP_NAME_BYTES));
            System.arraycopy(name, 0, body, GROUP_NAME_BYTES, name.length);
        }
        byte[] header = ProtoCommon.packHeader(route.trackerCommand, body.length, (byte) 0);
        byte[] request = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, request, header.length, body.length);
        return request;
    }

    /**
     * Group (16), ip (15, zero padded), port (8); for an upload then the store path index (1). A fetch answer
     * may list more ips (15 bytes each) for the other copies: the first is the one the tracker chose.
     */
    private static StorageTarget target(Route route, byte[] answer) throws IOException {
        int expected = route == Route.STORE ? ProtoCommon.TRACKER_QUERY_STORAGE_STORE_BODY_LEN
                : ProtoCommon.TRACKER_QUERY_STORAGE_FETCH_BODY_LEN;
        if (route == Route.STORE ? answer.length != expected
                : answer.length < expected || (answer.length - expected) % IP_BYTES != 0) {
            throw new IOException("FastDFS tracker answered " + answer.length + " bytes, not a storage server");
        }
        String ip = new String(answer, GROUP_NAME_BYTES, IP_BYTES, StandardCharsets.US_ASCII).trim();
        int port = (int) ProtoCommon.buff2long(answer, GROUP_NAME_BYTES + IP_BYTES);
        int storePathIndex = route == Route.STORE ? answer[expected - 1] & 0xFF : 0;
        return new StorageTarget(new InetSocketAddress(ip, port), storePathIndex);
    }
}
