/**
 * Words of the account pages: first-run setup, activation (letter, invitation or SMS code), SMS
 * login, and "my account" (password, devices). The server's error messages arrive already in the
 * reader's language; these are the page's own words around them.
 */
export const accountsMessages = {
  // Fields and buttons shared by several pages
  'accounts.phone': { 'zh-CN': '手机号', en: 'Phone number' },
  'accounts.phoneHint': { 'zh-CN': '11 位数字，如 13800000001', en: '11 digits, e.g. 13800000001' },
  'accounts.smsCode': { 'zh-CN': '短信验证码', en: 'SMS code' },
  'accounts.smsCodeHint': { 'zh-CN': '短信里的 6 位数字，5 分钟内有效', en: 'The 6 digits in the text message; valid for 5 minutes' },
  'accounts.sendCode': { 'zh-CN': '获取验证码', en: 'Send me a code' },
  'accounts.resendCode': { 'zh-CN': '重新获取验证码', en: 'Send a new code' },
  'accounts.resendIn': { 'zh-CN': '{seconds} 秒后可重新获取', en: 'New code in {seconds} s' },
  'accounts.codeSent': {
    'zh-CN': '验证码已发送到 {phone}，请查看短信。5 分钟内有效。',
    en: 'A code has been sent to {phone}; check your text messages. It is valid for 5 minutes.',
  },
  'accounts.newPassword': { 'zh-CN': '新密码', en: 'New password' },
  'accounts.password': { 'zh-CN': '密码', en: 'Password' },
  'accounts.showPassword': { 'zh-CN': '显示密码', en: 'Show password' },
  'accounts.passwordAgain': { 'zh-CN': '再次输入密码', en: 'Password again' },
  'accounts.passwordHint': {
    'zh-CN': '至少 {min} 位；不要用手机号、生日或 12345678 这类常见密码',
    en: 'At least {min} characters; not your phone number, a birthday or a common password like 12345678',
  },
  'accounts.passwordTooShort': {
    'zh-CN': '密码至少需要 {min} 位，现在只有 {length} 位',
    en: 'A password needs at least {min} characters; this one has {length}',
  },
  'accounts.passwordMismatch': {
    'zh-CN': '两次输入的密码不一样，请再输入一次',
    en: 'The two passwords are not the same; please type it again',
  },
  'accounts.required': { 'zh-CN': '请填写{field}', en: 'Please fill in: {field}' },
  'accounts.next': { 'zh-CN': '下一步', en: 'Next' },
  'accounts.back': { 'zh-CN': '上一步', en: 'Back' },
  'accounts.errorTitle': { 'zh-CN': '没有成功', en: 'That did not work' },

  // First-run setup (/setup)
  'setup.heading': { 'zh-CN': '初始设置', en: 'First-run setup' },
  'setup.intro': {
    'zh-CN': '这是议事平台的第一次设置：创建本街道和第一位管理员。设置只能做一次。',
    en: 'This sets Yishi up for the first time: your subdistrict and its first administrator. It can be done only once.',
  },
  'setup.nextTitle': { 'zh-CN': '设置完成后，管理员接着要做的事', en: 'What the administrator does next' },
  'setup.next1': {
    'zh-CN': '添加社区和小区（小区名称、代码和公示栏地址）',
    en: 'Add the communities and their compounds (name, code and notice-board address)',
  },
  'setup.next2': { 'zh-CN': '导入各小区的业主花名册（Excel 表格）', en: "Import each compound's owner roster (an Excel sheet)" },
  'setup.next3': {
    'zh-CN': '给社区干部、服务站站长、楼栋长等授权，他们用邀请码自己激活账号',
    en: 'Grant roles to community staff, station chiefs and building heads; they activate their own accounts with an invitation code',
  },
  'setup.next4': {
    'zh-CN': '打印激活信，由楼栋长送到各家各户，业主扫码激活',
    en: 'Print activation letters for the building heads to deliver; owners scan the code to activate',
  },
  'setup.subdistrict': { 'zh-CN': '街道名称', en: 'Subdistrict name' },
  'setup.subdistrictHint': { 'zh-CN': '如：秀江街道', en: 'e.g. Xiujiang Subdistrict' },
  'setup.name': { 'zh-CN': '管理员姓名', en: "Administrator's name" },
  'setup.nameHint': { 'zh-CN': '真实姓名，工作人员和居民会看到', en: 'Real name; staff and residents will see it' },
  'setup.phoneHint': { 'zh-CN': '管理员以后用这个手机号登录', en: 'The administrator logs in with this phone number' },
  'setup.submit': { 'zh-CN': '完成设置并登录', en: 'Set up and log in' },
  'setup.done': { 'zh-CN': '设置完成，欢迎使用议事', en: 'All set. Welcome to Yishi' },
  'setup.doneHeading': { 'zh-CN': '系统已完成初始设置', en: 'Yishi has already been set up' },
  'setup.doneBody': {
    'zh-CN': '这个议事平台已经有管理员了，不需要也不能再次设置。请直接登录；需要账号请联系街道或社区管理员授权。',
    en: 'This installation already has an administrator; it cannot be set up again. Log in, or ask your subdistrict or community administrator for an account.',
  },
  'setup.goLogin': { 'zh-CN': '去登录', en: 'Go to the login page' },
  'setup.doneLoggedIn': {
    'zh-CN': '这个议事平台已经设置好了，设置链接不能再用。您已登录为 {name}，接下来的事在首页上。',
    en: 'This installation is set up; the setup link cannot be used again. You are logged in as {name}; what comes next is on the home page.',
  },
  'setup.goHome': { 'zh-CN': '回到首页', en: 'Go to the home page' },
  'setup.noTokenHeading': { 'zh-CN': '需要初始设置链接', en: 'You need the setup link' },
  'setup.noTokenBody': {
    'zh-CN': '这个议事平台还没有设置。为了安全，只有能看到服务器日志的人才能做初始设置：服务器第一次启动时，会在日志里写下一条一次性链接，样子如下：',
    en: "Yishi has not been set up yet. For safety, only someone who can read the server's log can set it up: when the server starts on an empty database it writes a one-time link to its log, like this:",
  },
  'setup.noTokenOpen': {
    'zh-CN': '请在浏览器中打开日志里的这条链接（每次启动会生成新的链接，旧链接在设置完成前仍可使用）。',
    en: 'Open that link in a browser (each start writes a new one; older ones keep working until setup is done).',
  },
  'setup.cliTitle': { 'zh-CN': '也可以在服务器上用命令设置', en: 'Or set it up with a command on the server' },
  'setup.cliBody': {
    'zh-CN': '在服务器上运行下面的命令，按提示输入管理员密码（密码不会出现在命令行里）：',
    en: "Run this on the server and type the administrator's password when asked (it never appears on the command line):",
  },
  'setup.cliSource': {
    'zh-CN': '在源码目录中，yishi 即 node packages/server/dist/cli.js。',
    en: 'In a source checkout, yishi is node packages/server/dist/cli.js.',
  },

  // Activation (/activate)
  'activate.heading': { 'zh-CN': '激活账号', en: 'Activate your account' },
  'activate.intro': {
    'zh-CN': '第一次使用议事，请用激活信上的激活码，或用登记在花名册上的手机号接收短信验证码。',
    en: 'Using Yishi for the first time? Use the code on your activation letter, or get a code by SMS on the phone number on the roster.',
  },
  'activate.progress': { 'zh-CN': '步骤 {step}/{total}：{name}', en: 'Step {step} of {total}: {name}' },
  'activate.step1': { 'zh-CN': '核对身份', en: 'Who you are' },
  'activate.step2': { 'zh-CN': '个人信息保护说明', en: 'Privacy notice' },
  'activate.step3': { 'zh-CN': '设置登录方式', en: 'How you will log in' },
  'activate.step3Reset': { 'zh-CN': '设置新密码', en: 'New password' },
  'activate.byCode': { 'zh-CN': '用激活码', en: 'Letter code' },
  'activate.bySms': { 'zh-CN': '用手机号', en: 'Phone number' },
  'activate.code': { 'zh-CN': '激活码', en: 'Activation code' },
  // The example code stays whole on one line: a word joiner (\u2060, invisible) after its hyphen, where a phone's
  // line broke it in two (K7QM4- / XPTHR: at 360 px in Chinese, in English in elder mode).
  'activate.codeHint': {
    'zh-CN': '激活信或邀请上的 10 位字母和数字，如 K7QM4-\u2060XPTHR；字母大小写都可以',
    en: 'The 10 letters and digits on your letter or invitation, e.g. K7QM4-\u2060XPTHR; any case',
  },
  'activate.check': { 'zh-CN': '核对激活码', en: 'Check the code' },
  'activate.checkSms': { 'zh-CN': '核对验证码', en: 'Check the code' },
  'activate.checking': { 'zh-CN': '正在核对…', en: 'Checking…' },
  'activate.hello': { 'zh-CN': '您好，{name}', en: 'Hello, {name}' },
  'activate.granted': { 'zh-CN': '您被授予：{roles}', en: 'You have been given the role: {roles}' },
  'activate.resetNote': {
    'zh-CN': '为您的账号设置新密码（其他设备上的登录将退出）',
    en: 'Set a new password for your account (you will be logged out on other devices)',
  },
  'activate.validUntil': { 'zh-CN': '激活码有效期至 {date}', en: 'The code is valid until {date}' },
  'activate.smsValidUntil': { 'zh-CN': '验证码有效期至 {date}，请在此之前完成激活', en: 'The SMS code is valid until {date}: finish before then' },
  'activate.notYou': {
    'zh-CN': '不是您本人？请不要继续，联系楼栋长或社区。',
    en: 'Not you? Please stop here and contact your building head or community office.',
  },
  'activate.smsIntro': {
    'zh-CN': '请填写登记在小区花名册上的手机号，我们会发送一条验证码短信。',
    en: "Enter the phone number on your compound's roster; we will text you a code.",
  },
  'activate.alreadyActive': {
    'zh-CN': '这个手机号的账号已经激活了，不需要再激活。您可以直接用刚收到的验证码登录。',
    en: 'The account of this phone number is already active. You can log in with the code you just received.',
  },
  'activate.loginWithCode': { 'zh-CN': '用验证码登录', en: 'Log in with the code' },
  'activate.needCode': { 'zh-CN': '请先获取并填写短信验证码', en: 'Please get the SMS code and enter it first' },
  'activate.privacyIntro': {
    'zh-CN': '请阅读下面的说明。同意后才能继续激活。',
    en: 'Please read the notice below. You need to agree before you continue.',
  },
  'activate.noticeResident': { 'zh-CN': '作为业主或居民', en: 'As an owner or resident' },
  'activate.noticeStaff': { 'zh-CN': '作为工作人员或四方代表', en: 'As staff or a four-party representative' },
  'activate.agree': { 'zh-CN': '我已阅读并同意', en: 'I have read and agree' },
  'activate.consentRequired': { 'zh-CN': '请勾选“我已阅读并同意”才能继续', en: 'Please tick “I have read and agree” to continue' },
  'activate.choose': { 'zh-CN': '以后怎样登录？', en: 'How will you log in?' },
  'activate.choosePassword': { 'zh-CN': '设置密码：用手机号和密码登录', en: 'Choose a password: log in with phone number and password' },
  'activate.chooseCodeOnly': { 'zh-CN': '不设密码，以后用短信验证码登录', en: 'No password: log in with an SMS code each time' },
  'activate.codeOnlyNote': {
    'zh-CN': '以后登录时，在登录页选择“短信验证码登录”，输入手机号，收到短信后填写验证码即可。',
    en: 'To log in later, choose “With SMS code” on the login page, enter your phone number and type the code you receive.',
  },
  'activate.finish': { 'zh-CN': '完成激活', en: 'Finish' },
  'activate.finishReset': { 'zh-CN': '保存新密码', en: 'Save the new password' },
  'activate.done': { 'zh-CN': '账号已激活，欢迎使用议事', en: 'Your account is active. Welcome to Yishi' },
  'activate.doneReset': { 'zh-CN': '新密码已设置，其他设备上的登录已退出', en: 'New password set; other devices have been logged out' },
  'activate.haveAccount': { 'zh-CN': '已经激活过？', en: 'Already active?' },
  'activate.goLogin': { 'zh-CN': '直接登录', en: 'Log in' },
  'activate.nameWithTail': { 'zh-CN': '{name}（手机尾号 {tail}）', en: '{name} (phone ending {tail})' },
  'activate.toLogin': { 'zh-CN': '去登录', en: 'Go to the login page' },

  // SMS login (on /login)
  'smsLogin.tabPassword': { 'zh-CN': '密码登录', en: 'With password' },
  'smsLogin.tabSms': { 'zh-CN': '短信验证码登录', en: 'With SMS code' },
  'smsLogin.intro': {
    'zh-CN': '没有密码或忘了密码，可以用手机号接收验证码登录。',
    en: 'No password, or forgot it? Log in with a code sent to your phone.',
  },
  'smsLogin.notActivated': {
    'zh-CN': '这个手机号还没有激活账号。请先激活，刚收到的验证码可以直接用来激活。',
    en: 'This phone number has no active account yet. Activate it first; the code you just received works there too.',
  },
  'smsLogin.goActivate': { 'zh-CN': '去激活账号', en: 'Activate my account' },
  'smsLogin.firstTime': { 'zh-CN': '第一次使用？激活账号', en: 'First time here? Activate your account' },
  'smsLogin.firstTimeHint': {
    'zh-CN': '用楼栋长送来的激活信，或用登记的手机号接收验证码。',
    en: 'With the letter your building head delivered, or a code sent to your registered phone.',
  },

  // My account (/account)
  'account.heading': { 'zh-CN': '我的账号', en: 'My account' },
  'account.intro': {
    'zh-CN': '{name}，在这里修改密码，查看和退出您登录过的设备。',
    en: '{name}: change your password, and see and sign out the devices you are logged in on.',
  },
  'account.passwordHeading': { 'zh-CN': '修改密码', en: 'Change password' },
  'account.oldPassword': { 'zh-CN': '原密码', en: 'Current password' },
  'account.oldPasswordHint': {
    'zh-CN': '如果您从没设置过密码（只用短信验证码登录），这里不用填',
    en: 'Leave empty if you never had a password (you log in by SMS code only)',
  },
  'account.newPasswordAgain': { 'zh-CN': '再次输入新密码', en: 'New password again' },
  'account.savePassword': { 'zh-CN': '保存新密码', en: 'Save the new password' },
  'account.passwordChanged': {
    'zh-CN': '密码已修改。为了安全，您在其他设备上的登录已经全部退出，那些设备需要用新密码重新登录。',
    en: 'Password changed. For safety you have been logged out on all other devices; they need the new password to log in again.',
  },
  'account.devicesHeading': { 'zh-CN': '我的登录设备', en: 'My devices' },
  'account.devicesIntro': {
    'zh-CN': '下面是目前登录着您账号的手机和电脑。不认识的设备，请点“退出”，并修改密码。',
    en: 'These phones and computers are logged in to your account. If you do not recognise one, sign it out and change your password.',
  },
  'account.thisDevice': { 'zh-CN': '本机', en: 'This device' },
  'account.unknownDevice': { 'zh-CN': '未知设备', en: 'Unknown device' },
  'account.address': { 'zh-CN': '网络地址', en: 'Network address' },
  'account.lastSeen': { 'zh-CN': '最近使用', en: 'Last used' },
  'account.since': { 'zh-CN': '登录时间', en: 'Logged in' },
  'account.signOut': { 'zh-CN': '退出', en: 'Sign out' },
  'account.signOutLabel': { 'zh-CN': '{device}（{address}）', en: '{device} ({address})' },
  'account.signedOut': { 'zh-CN': '已退出该设备上的登录', en: 'That device has been signed out' },
  'account.endOthers': { 'zh-CN': '退出其他所有设备', en: 'Sign out all other devices' },
  'account.endOthersTitle': { 'zh-CN': '退出其他所有设备？', en: 'Sign out all other devices?' },
  'account.endOthersBody': {
    'zh-CN': '除了这台设备，其他 {count} 台设备上的登录都会退出，它们需要重新登录。',
    en: 'Every device except this one ({count} in all) will be logged out and will need to log in again.',
  },
  'account.endOthersConfirm': { 'zh-CN': '确定退出', en: 'Sign them out' },
  'account.cancel': { 'zh-CN': '取消', en: 'Cancel' },
  'account.othersEnded': { 'zh-CN': '其他设备上的登录已全部退出', en: 'All other devices have been signed out' },
  'account.onlyThis': { 'zh-CN': '只有这台设备登录着您的账号。', en: 'Only this device is logged in to your account.' },
} as const;
