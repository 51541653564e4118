import Foundation
import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix

/// A gRPC client connection over HTTP/2 on a Unix socket (containerd's API), built on SwiftNIO's HTTP/2.
///
/// gRPC on the wire is small: a `POST /package.Service/Method` with `content-type: application/grpc`,
/// each message framed by one flag byte and a 4-byte big-endian length, and the outcome in the
/// `grpc-status` / `grpc-message` trailers. HTTP/2 itself (framing, HPACK, flow control, so a slow reader
/// throttles the server) is swift-nio-http2's, which async-http-client already builds.
final class GRPCUnixConnection: Sendable {
    private let channel: any Channel
    private let multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<Void>
    /// The socket path, naming the engine in errors.
    let location: String
    /// Largest message accepted from the server.
    let maxMessageSize: Int

    private init(
        channel: any Channel, multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<Void>, location: String,
        maxMessageSize: Int
    ) {
        self.channel = channel
        self.multiplexer = multiplexer
        self.location = location
        self.maxMessageSize = maxMessageSize
    }

    /// Connects to the Unix socket at `path` (bounded by `connectTimeout`) and sets up HTTP/2.
    static func connect(
        path: String, location: String, connectTimeout: TimeAmount = .seconds(5), maxMessageSize: Int = 16 << 20
    ) async throws(EngineError) -> GRPCUnixConnection {
        do {
            let (channel, multiplexer) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(connectTimeout)
                .connect(unixDomainSocketPath: path) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let multiplexer = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(
                            mode: .client
                        ) { stream in
                            // containerd opens no streams towards clients; refuse any that come.
                            stream.close()
                        }
                        return (channel, multiplexer)
                    }
                }
            return GRPCUnixConnection(
                channel: channel, multiplexer: multiplexer, location: location, maxMessageSize: maxMessageSize)
        } catch {
            throw EngineError(code: .unreachable, reason: "cannot connect: \(error)", location: location)
        }
    }

    /// Closes the connection.
    func close() async {
        try? await channel.close()
    }

    /// Calls `method` (`/containerd.services.content.v1.Content/Read`) with one request message and hands each
    /// response message to `onMessage` as it arrives (one for a unary call, any number for a server stream).
    func call(
        _ method: String, metadata: [(String, String)], request: [UInt8],
        onMessage: (ArraySlice<UInt8>) async throws -> Void
    ) async throws {
        let stream: NIOAsyncChannel<HTTP2Frame.FramePayload, HTTP2Frame.FramePayload>
        do {
            stream = try await multiplexer.openStream { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<HTTP2Frame.FramePayload, HTTP2Frame.FramePayload>(
                        wrappingChannelSynchronously: channel)
                }
            }
        } catch {
            throw EngineError(code: .unreachable, reason: "cannot open an HTTP/2 stream: \(error)", location: location)
        }
        try await stream.executeThenClose { inbound, outbound in
            var headers: HPACKHeaders = [
                ":method": "POST", ":scheme": "http", ":path": method, ":authority": "localhost",
                "content-type": "application/grpc", "te": "trailers", "user-agent": "drydock",
            ]
            for (name, value) in metadata { headers.add(name: name, value: value) }
            var body = ByteBuffer()
            body.writeInteger(UInt8(0))
            body.writeInteger(UInt32(request.count))
            body.writeBytes(request)
            try await outbound.write(.headers(.init(headers: headers)))
            try await outbound.write(.data(.init(data: .byteBuffer(body), endStream: true)))
            var deframer = GRPCDeframer(maxMessageSize: maxMessageSize, location: location)
            var status: GRPCStatus?
            for try await frame in inbound {
                switch frame {
                case .headers(let received):
                    if let code = received.headers.first(name: "grpc-status") {
                        status = GRPCStatus(code: code, message: received.headers.first(name: "grpc-message"))
                    } else if let httpStatus = received.headers.first(name: ":status"), httpStatus != "200" {
                        throw EngineError(
                            code: .protocolError, reason: "\(method) answered HTTP \(httpStatus), not gRPC",
                            location: location)
                    }
                case .data(let data):
                    guard case .byteBuffer(let buffer) = data.data else { continue }
                    deframer.append(buffer)
                    while let message = try deframer.next() {
                        try await onMessage(message)
                    }
                case .rstStream(let reset):
                    throw EngineError(
                        code: .interrupted, reason: "\(method) was reset by the server (\(reset))", location: location)
                default:
                    continue
                }
            }
            guard let status else {
                throw EngineError(
                    code: .interrupted, reason: "\(method) ended without a gRPC status", location: location)
            }
            if !deframer.isEmpty {
                throw EngineError(
                    code: .protocolError, reason: "\(method) ended inside a message", location: location)
            }
            try status.check(method: method, location: location)
        }
    }
}

/// The `grpc-status` and `grpc-message` trailers of a call.
struct GRPCStatus {
    var code: String
    var message: String?

    /// Throws when the call did not succeed: `NOT_FOUND` (5) is `notFound`, `UNAVAILABLE` (14) `unreachable`.
    func check(method: String, location: String) throws(EngineError) {
        guard code != "0" else { return }
        let text = (message?.removingPercentEncoding ?? message).map { ": \($0)" } ?? ""
        let kind: EngineError.Code
        switch code {
        case "5": kind = .notFound
        case "14": kind = .unreachable
        default: kind = .engineFailed
        }
        throw EngineError(code: kind, reason: "\(method) failed (gRPC status \(code))\(text)", location: location)
    }
}

/// Splits a gRPC response body into messages: 1 flag byte (compressed or not), a 4-byte length, the message.
struct GRPCDeframer {
    private var buffer = ByteBuffer()
    let maxMessageSize: Int
    let location: String

    init(maxMessageSize: Int, location: String) {
        self.maxMessageSize = maxMessageSize
        self.location = location
    }

    /// Whether no partial message is pending.
    var isEmpty: Bool { buffer.readableBytes == 0 }

    mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        buffer.writeBuffer(&bytes)
    }

    /// The next complete message, or `nil` until more bytes arrive.
    mutating func next() throws(EngineError) -> ArraySlice<UInt8>? {
        guard buffer.readableBytes >= 5,
            let flag = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)
        else { return nil }
        guard flag == 0 else {
            throw EngineError(
                code: .protocolError, reason: "the server sent a compressed gRPC message (none was asked for)",
                location: location)
        }
        guard Int(length) <= maxMessageSize else {
            throw EngineError(
                code: .protocolError,
                reason: "a gRPC message of \(length) bytes is over the \(maxMessageSize)-byte limit", location: location
            )
        }
        guard buffer.readableBytes >= 5 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        let message = buffer.readBytes(length: Int(length)) ?? []
        buffer.discardReadBytes()
        return message[...]
    }
}
