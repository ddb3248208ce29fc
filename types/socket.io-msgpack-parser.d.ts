declare module 'socket.io-msgpack-parser' {
  const parser: { Encoder: new () => unknown; Decoder: new () => unknown };
  export default parser;
}
