/** What the web page's server says (the page's own labels are in public/index.html and app.js). */
export const W = {
  needCode: 'Hãy nhập mã mời hoặc mã đăng nhập.',
  needName: 'Hãy nhập họ tên của đồng chí (bot dùng để chào và ghi nhận người báo cáo).',
  badCode:
    'Mã không đúng, đã dùng hoặc đã hết hạn. Hãy xin mã mời mới từ văn phòng cấp ủy, ' +
    'hoặc gửi /web cho bot trên Telegram để lấy mã đăng nhập.',
  signedOut: 'Phiên đăng nhập đã hết. Hãy đăng nhập lại.',
  tooManyTries: (wait: string) => `Đã nhập sai mã quá nhiều lần từ máy này. Hãy thử lại sau ${wait}.`,
  noButton: 'Nút này không còn dùng được.',
  tooLong: 'Tin nhắn quá dài.',
  notFound: 'Không tìm thấy.',
  fileGone:
    'Tệp này không còn trên máy chủ (máy chủ chỉ giữ các tệp gần đây). Hãy gửi lại lệnh để nhận tệp mới.',
  badRequest: 'Yêu cầu không hợp lệ.',
  failed: 'Có lỗi xảy ra. Hãy thử lại.',
  miniAppRefused: 'Không xác nhận được đồng chí qua Telegram. Hãy đóng và mở lại bảng theo dõi từ bot.',
  miniAppOff: 'Máy chủ chưa bật đăng nhập qua Telegram.',
  otherSite: 'Yêu cầu từ trang khác bị từ chối.',
  wrongHost:
    'Trang web của bot không phục vụ địa chỉ này. Hãy mở đúng địa chỉ văn phòng cấp ủy đã gửi. ' +
    '(Quản trị: đặt WEB_URL bằng địa chỉ công khai của trang, ví dụ https://baocao.tinhuy.vn/.)',
};
