/**
 * The seed procedure catalog: what a new server starts with before an administrator edits it.
 *
 * Codes are national procedure codes (Cổng Dịch vụ công quốc gia) with the publishing province's suffix
 * (`.000.00.00.H56`, our seed province). Processing times, fees and papers follow the national catalog as of the
 * 2023 reference report, simplified: a fee charged per page or per copy is stored as its base amount.
 * docs/decisions.md lists which codes were checked against published data and which need checking.
 *
 * "Friday without waiting" (DESIGN.md §3): 14 district procedures in 4 fields and 21 commune procedures in 2 fields.
 */
import type {
  ComponentForm,
  DocumentComponent,
  Procedure,
  ProcedureLevel,
  ProcessingTime,
} from '../domain/procedure';

const SUFFIX = '.000.00.00.H56';

const paper = (
  id: string,
  name: string,
  form: ComponentForm = 'original',
  copies = 1,
  mandatory = true,
): DocumentComponent => ({
  id,
  name,
  form,
  copies,
  mandatory,
});

// Papers many procedures share, so their wording and ids stay the same across the catalog.
const identity = paper(
  'giay-to-tuy-than',
  'Giấy tờ tùy thân có ảnh (Căn cước / CCCD / Hộ chiếu) để xuất trình',
);
const authorisation = paper(
  'van-ban-uy-quyen',
  'Văn bản ủy quyền có chứng thực (nếu nộp thay)',
  'certified_copy',
  1,
  false,
);

const days = (n: number): ProcessingTime => ({ kind: 'days', days: n });
const hours = (n: number): ProcessingTime => ({ kind: 'hours', hours: n });
const sameDay: ProcessingTime = { kind: 'sameDay' };

interface Row {
  code: string;
  name: string;
  time: ProcessingTime;
  feeVnd: number;
  components: DocumentComponent[];
  producesResult?: boolean;
}

function group(
  level: ProcedureLevel,
  field: string,
  agency: string,
  fridayNoWait: boolean,
  rows: Row[],
): Procedure[] {
  return rows.map((r) => ({
    code: `${r.code}${SUFFIX}`,
    name: r.name,
    field,
    level,
    processingTime: r.time,
    feeVnd: r.feeVnd,
    components: r.components,
    producesResult: r.producesResult ?? true,
    fridayNoWait,
    agency,
  }));
}

// ── District, Friday without waiting: 14 procedures in 4 fields ─────────────────────────────────────────────
const districtCivilStatus = group('district', 'Hộ tịch', 'Phòng Tư pháp cấp huyện', true, [
  {
    code: '2.000528',
    name: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài',
    time: days(3),
    feeVnd: 100_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký khai sinh'),
      paper('giay-chung-sinh', 'Giấy chứng sinh hoặc văn bản thay thế'),
      paper(
        'thoa-thuan-quoc-tich',
        'Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con',
        'original',
        1,
        false,
      ),
      identity,
    ],
  },
  {
    code: '2.000806',
    name: 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài',
    time: days(10),
    feeVnd: 1_500_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký kết hôn'),
      paper(
        'xac-nhan-hon-nhan',
        'Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài',
        'certified_copy',
      ),
      paper('giay-kham-suc-khoe', 'Giấy xác nhận của tổ chức y tế về sức khỏe tâm thần', 'original', 2),
      paper(
        'ho-chieu',
        'Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài',
        'certified_copy',
      ),
      identity,
    ],
  },
  {
    code: '2.002189',
    name: 'Thủ tục ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài',
    time: days(5),
    feeVnd: 75_000,
    components: [
      paper('to-khai', 'Tờ khai ghi chú kết hôn'),
      paper(
        'giay-chung-nhan-ket-hon',
        'Bản sao giấy tờ chứng nhận việc kết hôn do nước ngoài cấp',
        'certified_copy',
      ),
      identity,
    ],
  },
]);

const districtCertification = group('district', 'Chứng thực', 'Phòng Tư pháp cấp huyện', true, [
  {
    code: '2.000992',
    name: 'Thủ tục chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp',
    time: hours(4),
    feeVnd: 10_000,
    components: [paper('ban-dich', 'Bản dịch và giấy tờ, văn bản cần dịch'), identity],
  },
  {
    code: '2.000942',
    name: 'Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực',
    time: hours(4),
    feeVnd: 2_000,
    components: [paper('de-nghi', 'Đơn đề nghị cấp bản sao'), identity],
  },
  {
    code: '2.000927',
    name: 'Thủ tục sửa lỗi sai sót trong hợp đồng, giao dịch',
    time: days(2),
    feeVnd: 25_000,
    components: [
      paper('hop-dong', 'Hợp đồng, giao dịch đã được chứng thực có sai sót'),
      paper('de-nghi', 'Văn bản đề nghị sửa lỗi sai sót'),
      identity,
    ],
  },
  {
    code: '2.001019',
    name: 'Thủ tục chứng thực di chúc',
    time: days(2),
    feeVnd: 50_000,
    components: [
      paper('du-thao-di-chuc', 'Dự thảo di chúc'),
      paper('giay-to-tai-san', 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản', 'certified_copy'),
      identity,
    ],
  },
]);

const districtHouseholdBusiness = group(
  'district',
  'Thành lập và hoạt động của hộ kinh doanh',
  'Phòng Tài chính - Kế hoạch cấp huyện',
  true,
  [
    {
      code: '1.001612',
      name: 'Đăng ký thành lập hộ kinh doanh',
      time: days(3),
      feeVnd: 100_000,
      components: [
        paper('giay-de-nghi', 'Giấy đề nghị đăng ký hộ kinh doanh'),
        paper(
          'bien-ban-hop',
          'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
          'copy',
          1,
          false,
        ),
        paper('hop-dong-thue', 'Hợp đồng thuê, mượn địa điểm kinh doanh', 'copy', 1, false),
        identity,
      ],
    },
    {
      code: '2.000720',
      name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
      time: days(3),
      feeVnd: 50_000,
      components: [
        paper('thong-bao', 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh'),
        paper('giay-chung-nhan', 'Giấy chứng nhận đăng ký hộ kinh doanh đã cấp'),
        identity,
      ],
    },
    {
      code: '1.001570',
      name: 'Tạm ngừng hoạt động hộ kinh doanh',
      time: days(3),
      feeVnd: 0,
      components: [paper('thong-bao', 'Thông báo tạm ngừng kinh doanh của hộ kinh doanh'), identity],
      producesResult: false,
    },
    {
      code: '1.001266',
      name: 'Chấm dứt hoạt động hộ kinh doanh',
      time: days(3),
      feeVnd: 0,
      components: [
        paper('thong-bao', 'Thông báo chấm dứt hoạt động hộ kinh doanh'),
        paper('giay-chung-nhan', 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh'),
        paper('thong-bao-thue', 'Thông báo của cơ quan thuế về việc chấm dứt hiệu lực mã số thuế', 'copy'),
        identity,
      ],
      producesResult: false,
    },
  ],
);

const districtLand = group('district', 'Đất đai', 'Chi nhánh Văn phòng đăng ký đất đai cấp huyện', true, [
  {
    code: '1.011441',
    name: 'Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất',
    time: sameDay,
    feeVnd: 80_000,
    components: [
      paper('phieu-yeu-cau', 'Phiếu yêu cầu đăng ký biện pháp bảo đảm'),
      paper('hop-dong-bao-dam', 'Hợp đồng bảo đảm có công chứng, chứng thực', 'certified_copy'),
      paper('giay-chung-nhan', 'Bản gốc Giấy chứng nhận quyền sử dụng đất'),
      authorisation,
    ],
  },
  {
    code: '1.011442',
    name: 'Đăng ký thay đổi biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất',
    time: sameDay,
    feeVnd: 60_000,
    components: [
      paper('phieu-yeu-cau', 'Phiếu yêu cầu đăng ký thay đổi'),
      paper('hop-dong-sua-doi', 'Hợp đồng sửa đổi, bổ sung hợp đồng bảo đảm', 'certified_copy'),
      paper('giay-chung-nhan', 'Bản gốc Giấy chứng nhận quyền sử dụng đất'),
      authorisation,
    ],
  },
  {
    code: '1.011443',
    name: 'Xoá đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất',
    time: sameDay,
    feeVnd: 20_000,
    components: [
      paper('phieu-yeu-cau', 'Phiếu yêu cầu xóa đăng ký'),
      paper('giay-chung-nhan', 'Bản gốc Giấy chứng nhận quyền sử dụng đất'),
      paper('van-ban-dong-y', 'Văn bản đồng ý xóa đăng ký của bên nhận bảo đảm', 'original', 1, false),
      authorisation,
    ],
  },
]);

// ── Commune, Friday without waiting: 21 procedures in 2 fields ──────────────────────────────────────────────
const COMMUNE_AGENCY = 'Ủy ban nhân dân cấp xã';

const birthRegistrationPapers = [
  paper('to-khai', 'Tờ khai đăng ký khai sinh'),
  paper('giay-chung-sinh', 'Giấy chứng sinh hoặc văn bản thay thế'),
  identity,
];

const communeCivilStatus = group('commune', 'Hộ tịch', COMMUNE_AGENCY, true, [
  {
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    time: sameDay,
    feeVnd: 0,
    components: birthRegistrationPapers,
  },
  {
    code: '1.000894',
    name: 'Thủ tục đăng ký kết hôn',
    time: sameDay,
    feeVnd: 0,
    components: [
      paper('to-khai', 'Tờ khai đăng ký kết hôn'),
      paper(
        'xac-nhan-hon-nhan',
        'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký thường trú nơi khác)',
        'original',
        1,
        false,
      ),
      identity,
    ],
  },
  {
    code: '1.000656',
    name: 'Thủ tục đăng ký khai tử',
    time: sameDay,
    feeVnd: 0,
    components: [
      paper('to-khai', 'Tờ khai đăng ký khai tử'),
      paper('giay-bao-tu', 'Giấy báo tử hoặc giấy tờ thay thế'),
      identity,
    ],
  },
  {
    code: '1.004873',
    name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân',
    time: days(3),
    feeVnd: 5_000,
    components: [
      paper('to-khai', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'),
      paper(
        'giay-xac-nhan-cu',
        'Giấy xác nhận tình trạng hôn nhân đã cấp trước đây (nếu có)',
        'original',
        1,
        false,
      ),
      identity,
    ],
  },
  {
    code: '1.001022',
    name: 'Thủ tục đăng ký nhận cha, mẹ, con',
    time: days(3),
    feeVnd: 15_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký nhận cha, mẹ, con'),
      paper(
        'chung-cu',
        'Văn bản giám định ADN hoặc chứng cứ chứng minh quan hệ cha, mẹ, con',
        'certified_copy',
      ),
      identity,
    ],
  },
  {
    code: '1.000689',
    name: 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con',
    time: days(3),
    feeVnd: 15_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký khai sinh và Tờ khai đăng ký nhận cha, mẹ, con'),
      paper('giay-chung-sinh', 'Giấy chứng sinh hoặc văn bản thay thế'),
      paper('chung-cu', 'Chứng cứ chứng minh quan hệ cha, mẹ, con', 'certified_copy'),
      identity,
    ],
  },
  {
    code: '1.004884',
    name: 'Thủ tục đăng ký lại khai sinh',
    time: days(5),
    feeVnd: 5_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký lại khai sinh'),
      paper(
        'ban-sao-khai-sinh',
        'Bản sao Giấy khai sinh hoặc giấy tờ có thông tin khai sinh',
        'copy',
        1,
        false,
      ),
      identity,
    ],
  },
  {
    code: '1.004746',
    name: 'Thủ tục đăng ký lại kết hôn',
    time: days(5),
    feeVnd: 10_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký lại kết hôn'),
      paper('ban-sao-ket-hon', 'Bản sao Giấy chứng nhận kết hôn đã cấp trước đây', 'copy', 1, false),
      identity,
    ],
  },
  {
    code: '1.005461',
    name: 'Thủ tục đăng ký lại khai tử',
    time: days(5),
    feeVnd: 5_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký lại khai tử'),
      paper('giay-to-khai-tu', 'Bản sao giấy tờ liên quan đến việc khai tử', 'copy'),
      identity,
    ],
  },
  {
    code: '1.004837',
    name: 'Thủ tục đăng ký giám hộ',
    time: days(3),
    feeVnd: 0,
    components: [
      paper('to-khai', 'Tờ khai đăng ký giám hộ'),
      paper('van-ban-cu-giam-ho', 'Văn bản cử người giám hộ'),
      identity,
    ],
  },
  {
    code: '1.004845',
    name: 'Thủ tục đăng ký chấm dứt giám hộ',
    time: days(2),
    feeVnd: 0,
    components: [
      paper('to-khai', 'Tờ khai đăng ký chấm dứt giám hộ'),
      paper('giay-to-cham-dut', 'Giấy tờ làm căn cứ chấm dứt việc giám hộ', 'certified_copy'),
      identity,
    ],
  },
  {
    code: '1.004859',
    name: 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch',
    time: days(3),
    feeVnd: 15_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch'),
      paper('giay-to-lien-quan', 'Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung', 'certified_copy'),
      identity,
    ],
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch',
    time: sameDay,
    feeVnd: 8_000,
    components: [paper('to-khai', 'Tờ khai cấp bản sao trích lục hộ tịch'), identity],
  },
  {
    code: '1.004772',
    name: 'Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân',
    time: days(3),
    feeVnd: 5_000,
    components: [
      paper('to-khai', 'Tờ khai đăng ký khai sinh'),
      paper('giay-to-ca-nhan', 'Giấy tờ, hồ sơ cá nhân có thông tin về họ tên, ngày sinh, quê quán', 'copy'),
      identity,
    ],
  },
]);

const communeCertification = group('commune', 'Chứng thực', COMMUNE_AGENCY, true, [
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    time: sameDay,
    feeVnd: 2_000,
    components: [
      paper('ban-chinh', 'Bản chính giấy tờ, văn bản cần chứng thực'),
      paper('ban-sao', 'Bản sao cần chứng thực', 'copy'),
    ],
  },
  {
    code: '2.000884',
    name: 'Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản',
    time: sameDay,
    feeVnd: 10_000,
    components: [paper('van-ban', 'Giấy tờ, văn bản cần chứng thực chữ ký'), identity],
  },
  {
    code: '2.001035',
    name: 'Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
    time: days(2),
    feeVnd: 50_000,
    components: [
      paper('du-thao-hop-dong', 'Dự thảo hợp đồng, giao dịch'),
      paper('giay-to-tai-san', 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản', 'certified_copy'),
      identity,
    ],
  },
  {
    code: '2.001016',
    name: 'Thủ tục chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở',
    time: days(2),
    feeVnd: 50_000,
    components: [
      paper('du-thao-van-ban', 'Dự thảo văn bản khai nhận di sản'),
      paper('giay-chung-tu', 'Giấy chứng tử của người để lại di sản', 'certified_copy'),
      paper('giay-to-tai-san', 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản', 'certified_copy'),
      identity,
    ],
  },
  {
    code: '2.001406',
    name: 'Thủ tục chứng thực văn bản từ chối nhận di sản',
    time: days(2),
    feeVnd: 25_000,
    components: [paper('du-thao-van-ban', 'Dự thảo văn bản từ chối nhận di sản'), identity],
  },
  {
    code: '2.001009',
    name: 'Thủ tục chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở',
    time: days(2),
    feeVnd: 50_000,
    components: [
      paper('du-thao-van-ban', 'Dự thảo văn bản thỏa thuận phân chia di sản'),
      paper('giay-chung-tu', 'Giấy chứng tử của người để lại di sản', 'certified_copy'),
      paper('giay-to-tai-san', 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản', 'certified_copy'),
      identity,
    ],
  },
  {
    code: '2.001044',
    name: 'Thủ tục chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch',
    time: days(2),
    feeVnd: 30_000,
    components: [
      paper('hop-dong', 'Hợp đồng, giao dịch đã được chứng thực'),
      paper('du-thao', 'Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ'),
      identity,
    ],
  },
]);

// ── Not in the Friday list: longer procedures the desks also receive ────────────────────────────────────────
const districtLandLong = group(
  'district',
  'Đất đai',
  'Chi nhánh Văn phòng đăng ký đất đai cấp huyện',
  false,
  [
    {
      code: '1.012783',
      name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      time: days(7),
      feeVnd: 50_000,
      components: [
        paper('don-de-nghi', 'Đơn đề nghị cấp đổi Giấy chứng nhận'),
        paper('giay-chung-nhan', 'Bản gốc Giấy chứng nhận đã cấp'),
        identity,
      ],
    },
    {
      code: '1.012786',
      name: 'Cấp lại Giấy chứng nhận do bị mất',
      time: days(10),
      feeVnd: 50_000,
      components: [
        paper('don-de-nghi', 'Đơn đề nghị cấp lại Giấy chứng nhận'),
        paper('xac-nhan-mat', 'Giấy xác nhận của UBND cấp xã về việc đã niêm yết thông báo mất giấy'),
        identity,
      ],
    },
  ],
);

const communeSocial = group('commune', 'Bảo trợ xã hội', COMMUNE_AGENCY, false, [
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    time: days(20),
    feeVnd: 0,
    components: [
      paper('to-khai', 'Tờ khai đề nghị trợ giúp xã hội'),
      paper('giay-to-kem-theo', 'Giấy tờ chứng minh thuộc đối tượng hưởng', 'copy', 1, false),
    ],
  },
  {
    code: '1.001699',
    name: 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật',
    time: days(30),
    feeVnd: 0,
    components: [
      paper('don-de-nghi', 'Đơn đề nghị xác định mức độ khuyết tật'),
      paper('giay-to-y-te', 'Bệnh án, giấy tờ khám, điều trị', 'copy', 1, false),
    ],
  },
  {
    code: '1.001731',
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    time: days(5),
    feeVnd: 0,
    components: [
      paper('to-khai', 'Tờ khai đề nghị hỗ trợ chi phí mai táng'),
      paper('giay-bao-tu', 'Giấy chứng tử hoặc giấy báo tử', 'copy'),
    ],
  },
]);

const communePoverty = group('commune', 'Giảm nghèo', COMMUNE_AGENCY, false, [
  {
    code: '1.011607',
    name: 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm',
    time: days(15),
    feeVnd: 0,
    components: [paper('giay-de-nghi', 'Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo'), identity],
  },
]);

export const seedProcedures: Procedure[] = [
  ...districtCivilStatus,
  ...districtCertification,
  ...districtHouseholdBusiness,
  ...districtLand,
  ...communeCivilStatus,
  ...communeCertification,
  ...districtLandLong,
  ...communeSocial,
  ...communePoverty,
];
