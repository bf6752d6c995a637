/**
 * The exit-code catalogue in Japanese: for every documented name (lib/parsec/exitCodes.ts), what it
 * means and the usual fix, as a Japanese IT admin would write them, faithful to the English. The
 * code names themselves stay as Parsec documents them. lib/parsec/exitCodes.test.ts checks that
 * every code the catalogue describes has its Japanese here.
 */
import type { ExitCodeFamilyId } from "./exitCodes";

export interface ExitCodeText {
  meaning: string;
  fix: string;
}

const NAT_FIX =
  "ピアツーピアの通信が遮断されています。両側のファイアウォールで Parsec の UDP 通信を許可し、UPnP を有効にするかホストのポートを転送してください。" +
  "直接接続できないネットワークではリレーを使用してください。";
const SERVICE_FIX =
  "そのコンピューターがインターネットに接続できること、ファイアウォール・プロキシ・Web フィルターが Parsec のサーバーへの通信を許可していることを確認してから、もう一度お試しください。";
const DRIVER_FIX = "このコードを記録したコンピューターの GPU ドライバーを更新し、再起動してください。";
const ENCODER_FIX =
  "ホストの GPU ドライバーを更新してホストを再起動してください。GPU がハードウェアエンコードに対応していること、ほかのアプリがエンコーダーを使用していないことも確認してください。";

export const EXIT_CODE_TEXT_JA: Readonly<Record<string, ExitCodeText>> = {
  PARSEC_OK: { meaning: "接続に成功したか、セッションが正常に終了しました。", fix: "対応は不要です。" },
  HOST_WRN_SHUTDOWN: {
    meaning: "ホストがシャットダウンしたかホストを停止したため、セッションが終了しました。",
    fix: "通常は意図したものです (ホストの再起動、スリープ、Parsec の終了)。そうでない場合は、ホストのスリープと再起動の設定を確認してください。",
  },
  HOST_WRN_KICKED: {
    meaning: "ホストがユーザーをセッションから退出 (キック) させました。",
    fix: "ホストが意図して行った操作です。ユーザーを再び入れてよいか、ホストに確認してください。",
  },
  CONNECT_WRN_APPROVAL: {
    meaning: "接続にはホストの承認が必要でしたが、承認されませんでした。",
    fix: "ホスト側の誰かが要求を承認するか、管理者がそのコンピューターへの承認なしの接続をユーザーに許可してください。",
  },
  CONNECT_WRN_DECLINED: {
    meaning: "ホストが接続要求を拒否しました。",
    fix: "ホストがユーザーを承認する必要があります。ユーザーにアクセス権があるべき場合は、ホストに依頼するか、そのコンピューターに対するチームの権限を調整してください。",
  },
  CONNECT_WRN_CANCELED: {
    meaning: "接続試行が完了する前にキャンセルされました。",
    fix: "通常はユーザーが諦めたかウィンドウを閉じたものです。繰り返し起きる場合は、そのユーザーのほかの接続試行から根本のエラーを確認してください。",
  },
  CONNECT_WRN_NO_ROOM: {
    meaning: "ホストに空きがありませんでした。ゲストの最大数がすでに接続していました。",
    fix: "誰かが切断するまで待つか、ホストのゲスト数の上限を引き上げてください。",
  },
  CONNECT_WRN_PEER_GONE: {
    meaning: "接続中に相手のコンピューターがいなくなりました (オフライン、スリープ、または Parsec の終了)。",
    fix: "ホストの電源が入っていてスリープしておらず、オンラインで Parsec にサインインしていることを確認してください。",
  },
  CONNECT_WRN_UNCONFIRMED: {
    meaning: "ユーザーの Parsec アカウントがまだ確認されていません。通常はメールアドレスの確認が済んでいないためです。",
    fix: "ユーザーがアカウントのメールアドレスを確認 (Parsec から確認メールが届きます) してから、もう一度お試しください。",
  },
  CONNECT_WRN_NO_PERMISSION: {
    meaning: "ユーザーにこのホストへ接続する権限がありません。",
    fix: "チーム管理者が Parsec Teams のダッシュボードで、そのコンピューターへのアクセスをユーザーに許可できます。",
  },
  "ALINK_WRN_*": {
    meaning: "接続に使ったアクセスリンクを使用できませんでした。無効、非アクティブ、期限切れ、開始前、またはチームが有効でないかのいずれかです。",
    fix: "Parsec Teams のダッシュボードでリンクを確認し、新しいアクセスリンクか再度有効にしたアクセスリンクをユーザーに送ってください。",
  },
  NETWORK_WRN_TIMEOUT: {
    meaning: "ネットワーク接続がタイムアウトしました。",
    fix: "2 台のコンピューター間のネットワーク (Wi-Fi の品質、VPN、ファイアウォール) を確認してください。同じ場所から繰り返しタイムアウトする場合は、そのネットワークが原因です。",
  },
  ERR_DEFAULT: {
    meaning: "Parsec が詳細不明のエラーを報告しました。",
    fix: "もう一度お試しください。繰り返す場合は、このコードを記録したコンピューターの Parsec のログを確認し、Parsec サポートに問い合わせてください。",
  },
  PARSEC_NOT_RUNNING: {
    meaning: "接続に必要なときに Parsec が動作していませんでした。起動しなかったか、すでに停止していました。",
    fix: "そのコンピューターで Parsec を再起動してください。ホストでは、Parsec が動作していてサインインしていることを確認してください。",
  },
  PARSEC_ALREADY_RUNNING: {
    meaning: "Parsec がすでに動作していたため、もう 1 つのインスタンスを起動できませんでした。",
    fix: "もう一方の Parsec を終了するか、そのコンピューターで Parsec を再起動してください。",
  },
  WS_ERR_READ: { meaning: "Parsec のサーバーとの接続からの読み取りに失敗し、サーバーとの接続が切れました。", fix: SERVICE_FIX },
  WS_ERR_WRITE: { meaning: "Parsec のサーバーとの接続への送信に失敗し、サーバーとの接続が切れました。", fix: SERVICE_FIX },
  WS_ERR_AUTH: {
    meaning: "Parsec のサーバーが、このコンピューターのサインインセッションを拒否しました。",
    fix: "そのコンピューターで Parsec からサインアウトし、もう一度サインインしてください。",
  },
  WS_ERR_GOING_AWAY: {
    meaning: "メンテナンスや再起動などで、Parsec のサーバーが接続を閉じました。",
    fix: "通常は一時的なものです。もう一度お試しいただき、続く場合は Parsec のステータスページを確認してください。",
  },
  WS_ERR_TEAM_DEACTIVATED: {
    meaning: "チームが無効化されているため、Parsec が接続を拒否しました。",
    fix: "チームのオーナーが Parsec Teams のダッシュボードで、チームのサブスクリプションと支払い状況を確認してください。",
  },
  WS_ERR_CONNECT: { meaning: "コンピューターが Parsec のサーバーに接続できませんでした。", fix: SERVICE_FIX },
  WS_ERR_CLOSE: { meaning: "Parsec のサーバーとの接続が予期せず閉じられました。", fix: SERVICE_FIX },
  NAT_ERR_PEER_PHASE: {
    meaning: "2 台のコンピューターが互いに直接通信できませんでした。通常はファイアウォールか厳しい NAT が原因です。",
    fix: NAT_FIX,
  },
  NAT_ERR_STUN_PHASE: {
    meaning:
      "コンピューターが自分のグローバルアドレスを知るための Parsec の STUN サービスに到達できませんでした。通常は送信方向の UDP が遮断されているためです。",
    fix: NAT_FIX,
  },
  NAT_ERR_INTEGRITY: { meaning: "ピアツーピアのハンドシェイクのメッセージが整合性チェックに失敗しました。", fix: NAT_FIX },
  NAT_ERR_NO_CANDIDATES: { meaning: "相手のコンピューターへ使える通信経路 (アドレス候補) が見つかりませんでした。", fix: NAT_FIX },
  NAT_ERR_WEBRTC: { meaning: "WebRTC のピアツーピア接続を確立できませんでした。", fix: NAT_FIX },
  NETWORK_ERR_BG_TIMEOUT: {
    meaning: "接続がタイムアウトしました。2 台のコンピューター間の通信が届かなくなりました。",
    fix: "両方のネットワーク (Wi-Fi、VPN、モバイル回線) の安定性を確認してください。同じ場所から繰り返しタイムアウトする場合は、そのネットワークが原因です。",
  },
  NETWORK_ERR_SHUTDOWN: {
    meaning: "ネットワーク接続が切断されました。通常は相手側が接続を終了したためです。",
    fix: "同じ時刻の相手のコンピューターのイベントを確認してください。通常は Parsec を終了したか、ネットワークが切れています。",
  },
  SERVER_ERR_DISPLAY: {
    meaning: "ホストが配信するディスプレイにアクセスできませんでした。",
    fix: "ホストにモニターが接続されスリープしていないこと (ヘッドレスの場合は仮想ディスプレイかダミープラグ) を確認し、GPU ドライバーを更新してください。",
  },
  SERVER_ERR_NO_USER: {
    meaning: "接続先のホストに、サインインしているユーザーがいませんでした。",
    fix: "ホストのコンピューター (とその Parsec) にサインインしてから、もう一度お試しください。",
  },
  SERVER_ERR_CLIENT_ABORT: {
    meaning: "クライアントが接続を中止したことをホストが検知しました。",
    fix: "通常はユーザーがキャンセルしたか Parsec を閉じたものです。同じ接続試行のクライアント側のイベントに詳しい情報があります。",
  },
  SERVER_ERR_CLIENT_GONE: {
    meaning: "ホストがクライアントとの通信を失いました。",
    fix: "通常はクライアントのネットワークが切れたか、クライアントの Parsec が終了したものです。クライアントのネットワークを確認してください。",
  },
  ENCODE_ERR_INIT: { meaning: "ホストのハードウェアビデオエンコーダーを起動できませんでした。", fix: ENCODER_FIX },
  PARSEC_ERR_VERSION: {
    meaning: "2 台のコンピューターの Parsec のバージョンが、互いに接続できない組み合わせです。",
    fix: "両方のコンピューターで Parsec を更新してください。",
  },
  "DECODE_ERR_*": {
    meaning: "クライアントがホストの映像ストリームをデコードできませんでした。",
    fix: "クライアントの GPU ドライバーを更新してください。続く場合は、Parsec の設定でクライアントのビデオデコーダーをソフトウェアに切り替えてください。",
  },
  "CAPTURE_ERR_*": {
    meaning: "ホストが画面をキャプチャーできませんでした。",
    fix: "ホストの GPU ドライバーを更新し、ディスプレイが接続されスリープしていないこと (ヘッドレスの場合は仮想ディスプレイ) を確認して、Parsec を再起動してください。",
  },
  "ENCODE_ERR_*": { meaning: "ホストのハードウェアビデオエンコーダーでエラーが発生しました。", fix: ENCODER_FIX },
  "D3D_ERR_*": { meaning: "Direct3D (Windows のグラフィックス) の処理に失敗しました。", fix: DRIVER_FIX },
  OPENSSL_ERR: {
    meaning: "安全な (TLS) 接続が OpenSSL エラー {sslError} で失敗しました。",
    fix: "コンピューターの日付と時刻、および暗号化通信を検査するプロキシ・ウイルス対策ソフト・ファイアウォールを確認してください。",
  },
  SOCKET_ERR: {
    meaning: "ネットワーク呼び出しが {what}{detail} で失敗しました。",
    fix: "コンピューターのネットワーク接続と、ファイアウォール・VPN・プロキシが Parsec の通信を通していることを確認してください。",
  },
};

export const EXIT_CODE_FAMILY_LABELS_JA: Readonly<Record<ExitCodeFamilyId, string>> = {
  success: "成功",
  "session-ended": "ホストによるセッション終了",
  "connection-attempt": "接続試行",
  "access-link": "アクセスリンク",
  network: "ネットワーク",
  general: "一般",
  "parsec-app": "Parsec アプリ",
  "client-decoder": "クライアントのビデオデコーダー",
  "service-connection": "Parsec サービスとの接続",
  nat: "ピアツーピア (NAT 越え)",
  host: "ホスト",
  "host-capture": "ホストの画面キャプチャー",
  "host-encoder": "ホストのビデオエンコーダー",
  direct3d: "Direct3D (グラフィックス)",
  version: "Parsec のバージョン",
  openssl: "OpenSSL",
  socket: "ソケット",
  unknown: "不明",
};

/** The OS socket errors' meanings, keyed by their English (the same meaning recurs across systems). */
export const SOCKET_MEANINGS_JA: Readonly<Record<string, string>> = {
  "the network is unreachable": "ネットワークに到達できません",
  "the connection was reset by the other side or a device in between": "相手側または途中の機器によって接続がリセットされました",
  "the connection timed out": "接続がタイムアウトしました",
  "the other side refused the connection": "相手側が接続を拒否しました",
  "there is no route to the other computer": "相手のコンピューターへの経路がありません",
  "a server name could not be resolved (DNS)": "サーバー名を解決できませんでした (DNS)",
};

/** The sentences composed around a code: an unknown code, a code recorded without its sign, a socket error's parts. */
export const EXIT_CODE_PHRASES_JA = {
  unknownMeaning: (code: number) =>
    `Parsec は終了コード ${code} を公開していません${code > 0 ? " (正のコードは警告です)" : code < 0 ? " (負のコードはエラーです)" : ""}。`,
  unknownFix:
    "Parsec のサポートサイトでこのコードを検索するか、Parsec サポートに問い合わせてください。このコードを記録したコンピューターの Parsec のログに詳しい情報があることもあります。",
  signFlipped: (code: number) => `マイナス記号なしで記録されています。公開されているコードは ${code} です。`,
  windowsSocketError: (n: number) => `Windows ソケットエラー ${n}`,
  socketError: (n: number) => `ソケットエラー ${n}`,
  onOs: (os: string) => `、${os}`,
  otherSystemErrno: " (Windows 以外のシステムの errno の値)",
};
