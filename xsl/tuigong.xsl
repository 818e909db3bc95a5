<?xml version="1.0" encoding="UTF-8"?>
<!--
  tuigong.xsl: 退工登记 (category jiuye).  Views:
    form          the form, grouped as in the 网厅's table (员工基本信息,
                  退工原因, 退工日期, 劳动合同信息, 社保缴费情况, 经办人信息,
                  上传附件), editable (新建 or 未提交)
    task          a submitted, finished or withdrawn 退工, read-only
    batch         批量退工: template and upload
    batch-result  one batch: rows, failed rows, materials, submit/退单
    timeline      the employee's timeline (用工, 参保, 减员, 退工)
    jisuan        《经济补偿金计算表》 of a single 退工 (a print-only
                  page; the sheet is jisuan.xsl's, shared with print.xsl)
  The form's section 经济补偿 (lib/tuigong_comp.h) shows the statutory
  figure worked out at the last save (compensation/working) and the
  warning when the amount paid is below it.
  Without JavaScript: the materials follow the reason chosen and saved
  (or previewed with ?reason=).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>
  <xsl:include href="jisuan.xsl"/>

  <xsl:variable name="t" select="/page/tuigong"/>

  <!-- The 离职及时率 figure and the 15-day rule. -->
  <xsl:template name="timeliness">
    <xsl:variable name="tl" select="/page/timeliness"/>
    <xsl:if test="$tl">
      <p class="note timeliness">
        <xsl:text>本单位离职及时率(退工日期起15日内办理): </xsl:text>
        <strong class="rate"><xsl:value-of select="$tl/@rate"/></strong>
        <xsl:text>(按时 </xsl:text><xsl:value-of select="$tl/@on-time"/>
        <xsl:text> 人 / 共 </xsl:text><xsl:value-of select="$tl/@total"/>
        <xsl:text> 人</xsl:text>
        <xsl:if test="$tl/@overdue &gt; 0">,逾期 <span class="badge badge-overdue"><xsl:value-of select="$tl/@overdue"/></span> 人</xsl:if>
        <xsl:text>)</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- 是否结清 of the form: 「—」 until a person on file is found (a
       wrong 身份证号 or contract says nothing about 社保). -->
  <xsl:template name="settled">
    <xsl:choose>
      <xsl:when test="not($t/@facts = '1')"><span class="none" title="找到本单位在职员工后自动关联">—</span></xsl:when>
      <xsl:when test="$t/@settled = '1'"><span class="state-done">已结清</span></xsl:when>
      <xsl:otherwise><span class="state-returned">未结清</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Beside the 身份证号 box $field with a TG_DUPLICATE error: the
       link to the unfinished 退工 the person already has. -->
  <xsl:template name="duplicate-link">
    <xsl:param name="field"/>
    <xsl:variable name="d" select="/page/duplicate"/>
    <xsl:if test="$d and /page/errors/error[@field = $field and @code = 'TG_DUPLICATE']">
      <p class="field-link duplicate">
        <a href="/tuigong?id={$d/@id}" id="open-duplicate">打开业务顺序号 <xsl:value-of select="$d/@seq"/> 继续办理</a>
        <xsl:text>,或到</xsl:text><a href="/home">首页「待办」</a><xsl:text>查看。</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- A checkbox with its label, checked when $on = '1'. -->
  <xsl:template name="checkbox">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="on"/>
    <label class="check">
      <input type="checkbox" name="{$name}" value="1" id="f-{$name}">
        <xsl:if test="$on = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text><xsl:value-of select="$label"/>
    </label>
    <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
  </xsl:template>

  <!-- 经济补偿 as worked out at the last save: the figures, the
       working and the warning of a payment below it. -->
  <xsl:variable name="comp" select="/page/compensation"/>
  <xsl:template name="comp-result">
    <xsl:if test="$comp/warning">
      <p class="msg msg-warn comp-warning" role="alert"><xsl:value-of select="$comp/warning"/></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$comp/@computed = '1'">
        <div class="comp-working">
          <p>
            <xsl:text>法定经济补偿: </xsl:text>
            <strong class="comp-due"><xsl:value-of select="$comp/@due"/></strong>
            <xsl:text> 元(工作年限 </xsl:text>
            <xsl:value-of select="$comp/@years"/><xsl:text>年</xsl:text>
            <xsl:value-of select="$comp/@months"/><xsl:text>个月</xsl:text>
            <xsl:value-of select="$comp/@days"/><xsl:text>天,N=</xsl:text>
            <xsl:value-of select="$comp/@n"/><xsl:text>个月,计发工资 </xsl:text>
            <xsl:value-of select="$comp/@wage-used"/><xsl:text> 元</xsl:text>
            <xsl:if test="$comp/@wage-capped = '1'">,按社平工资三倍封顶</xsl:if>
            <xsl:text>)</xsl:text>
          </p>
          <p class="hint">计算过程: <xsl:value-of select="$comp/working"/></p>
        </div>
      </xsl:when>
      <xsl:when test="$comp/@note != ''">
        <p class="note comp-note"><xsl:value-of select="$comp/@note"/></p>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="$task and $comp/@task = '1'">
      <p class="actions comp-links">
        <a class="btn" id="btn-jisuan" href="/tuigong/jisuan?id={$task/@id}">《经济补偿金计算表》</a>
        <xsl:text> </xsl:text>
        <a class="btn" href="/tuigong/jisuan/xlsx?id={$task/@id}">下载 Excel</a>
        <xsl:if test="$task/@state = '结束'">
          <xsl:text> </xsl:text>
          <a class="btn" href="/print/jjbc?id={$task/@id}">打印正式计算表(带回执编号)</a>
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- 《经济补偿金计算表》 (draft or final), a print-only page. -->
  <xsl:template match="/page[@view = 'jisuan']">
    <html lang="zh-CN">
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>经济补偿金计算表 - <xsl:value-of select="business/@seq"/></title>
        <link rel="stylesheet" href="/static/hall.css"/>
        <script src="/static/hall.js" defer="defer"></script>
      </head>
      <body class="prog-tuigong view-jisuan print-page">
        <div class="print-toolbar no-print">
          <a class="btn" href="/tuigong?id={business/@id}">返回退工登记</a>
          <xsl:text> </xsl:text>
          <button type="button" class="btn btn-primary" data-print="1">打印</button>
          <xsl:text> </xsl:text>
          <a class="btn" href="/tuigong/jisuan/xlsx?id={business/@id}">下载 Excel</a>
          <xsl:if test="business/@done = '1'">
            <xsl:text> </xsl:text>
            <a class="btn" href="/print/jjbc?id={business/@id}">打印正式计算表(带回执编号)</a>
          </xsl:if>
        </div>
        <xsl:call-template name="jjbc-sheet"/>
      </body>
    </html>
  </xsl:template>

  <!-- The editable form. -->
  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="timeliness"/>
    <xsl:call-template name="task-status"/>
    <xsl:if test="not($task)">
      <xsl:call-template name="section"><xsl:with-param name="title">按身份证号带出员工信息</xsl:with-param></xsl:call-template>
      <form method="get" action="/tuigong" class="form query">
        <table class="form-grid">
          <tr>
            <!-- q_sfzh: its own name, value and errors, apart from the
                 form's 身份证号 below. -->
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">身份证号</xsl:with-param>
              <xsl:with-param name="name">q_sfzh</xsl:with-param>
              <xsl:with-param name="value" select="/page/query/@sfzh"/>
              <xsl:with-param name="maxlength">18</xsl:with-param>
            </xsl:call-template>
            <th>人员范围</th>
            <td class="readonly">本单位在职人员</td>
            <td class="buttons-cell"><button type="submit" class="btn">查询带出</button></td>
          </tr>
        </table>
        <xsl:call-template name="duplicate-link"><xsl:with-param name="field">q_sfzh</xsl:with-param></xsl:call-template>
        <xsl:for-each select="persons">
          <details class="pick">
            <xsl:if test="@q != '' or pager/@page &gt; 1"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
            <summary>本单位在职人员(共 <xsl:value-of select="pager/@total"/> 人,点击姓名带出)</summary>
            <p class="pick-search">
              <label for="pick-q">姓名或身份证号开头</label>
              <xsl:text> </xsl:text>
              <input type="text" name="q" id="pick-q" value="{@q}" maxlength="30"/>
              <xsl:text> </xsl:text>
              <button type="submit" class="btn">查找</button>
            </p>
            <ul class="pick-list">
              <xsl:for-each select="person">
                <li>
                  <xsl:choose>
                    <xsl:when test="@open-task">
                      <!-- Already has an unfinished 退工: open that one. -->
                      <xsl:value-of select="@name"/>
                      <xsl:text> </xsl:text>
                      <a class="open-task" href="/tuigong?id={@open-task}" title="该员工已有未办结的退工登记,请继续办理该业务">(已有退工登记 <xsl:value-of select="@open-seq"/>,继续办理)</a>
                    </xsl:when>
                    <xsl:otherwise>
                      <a href="/tuigong?sfzh={@idno}"><xsl:value-of select="@name"/></a>
                    </xsl:otherwise>
                  </xsl:choose>
                </li>
              </xsl:for-each>
            </ul>
            <xsl:if test="not(person)"><p class="note">没有符合条件的在职人员</p></xsl:if>
            <xsl:for-each select="pager">
              <xsl:call-template name="pager">
                <xsl:with-param name="total" select="@total"/>
                <xsl:with-param name="page" select="@page"/>
                <xsl:with-param name="size" select="@size"/>
                <xsl:with-param name="base-url" select="@base"/>
              </xsl:call-template>
            </xsl:for-each>
          </details>
        </xsl:for-each>
      </form>
    </xsl:if>

    <xsl:call-template name="required-note"/>
    <form method="post" action="/tuigong/save" class="form tuigong-form">
      <xsl:call-template name="csrf"/>
      <xsl:if test="$task"><input type="hidden" name="id" value="{$task/@id}"/></xsl:if>
      <xsl:if test="not($task) and form/@token"><input type="hidden" name="token" value="{form/@token}"/></xsl:if>

      <xsl:call-template name="section"><xsl:with-param name="title">员工基本信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">姓名</xsl:with-param>
            <xsl:with-param name="name">name</xsl:with-param>
            <xsl:with-param name="value" select="$t/@name"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">身份证号</xsl:with-param>
            <xsl:with-param name="name">sfzh</xsl:with-param>
            <xsl:with-param name="value" select="$t/@sfzh"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">性别</xsl:with-param>
            <xsl:with-param name="name">sex</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'sex']"/>
            <xsl:with-param name="current" select="$t/@sex"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">出生日期</xsl:with-param>
            <xsl:with-param name="name">birth</xsl:with-param>
            <xsl:with-param name="value" select="$t/@birth"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">户籍类型</xsl:with-param>
            <xsl:with-param name="name">hukou_type</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'hukou_type']"/>
            <xsl:with-param name="current" select="$t/@hukou-type"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">联系电话</xsl:with-param>
            <xsl:with-param name="name">phone</xsl:with-param>
            <xsl:with-param name="value" select="$t/@phone"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <xsl:call-template name="duplicate-link"><xsl:with-param name="field">sfzh</xsl:with-param></xsl:call-template>
      <p class="hint">身份证号须与劳动合同一致,性别、出生日期须与身份证号一致,错误会导致审核不通过。</p>

      <xsl:call-template name="section"><xsl:with-param name="title">退工原因</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">退工原因</xsl:with-param>
            <xsl:with-param name="name">reason</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'reason']"/>
            <xsl:with-param name="current" select="$t/@reason"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <th>经济补偿</th>
          <td>
            <xsl:call-template name="checkbox">
              <xsl:with-param name="name">compensation</xsl:with-param>
              <xsl:with-param name="label">已支付经济补偿</xsl:with-param>
              <xsl:with-param name="on" select="$t/@compensation"/>
            </xsl:call-template>
          </td>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">备注</xsl:with-param>
            <xsl:with-param name="name">remark</xsl:with-param>
            <xsl:with-param name="value" select="$t/@remark"/>
            <xsl:with-param name="maxlength">200</xsl:with-param>
            <xsl:with-param name="colspan">3</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">须与实际情况及解除协议一致:合同到期终止不可选“员工辞职”;员工失联的,以公告方式通知并在备注中注明“员工无法联系”;“其他”须在备注中说明。</p>

      <xsl:call-template name="section"><xsl:with-param name="title">经济补偿</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">月工资(元)</xsl:with-param>
            <xsl:with-param name="name">wage</xsl:with-param>
            <xsl:with-param name="value" select="$comp/@wage"/>
            <xsl:with-param name="maxlength">16</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">实付经济补偿(元)</xsl:with-param>
            <xsl:with-param name="name">comp_paid</xsl:with-param>
            <xsl:with-param name="value" select="$comp/@comp-paid"/>
            <xsl:with-param name="maxlength">16</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">工作年限起算日期</xsl:with-param>
            <xsl:with-param name="name">comp_start</xsl:with-param>
            <xsl:with-param name="value" select="$comp/@comp-start"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">无需支付的依据</xsl:with-param>
            <xsl:with-param name="name">comp_basis</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'comp_basis']"/>
            <xsl:with-param name="current" select="$comp/@comp-basis"/>
            <xsl:with-param name="blank">无(依法应支付)</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">
        <xsl:text>单位辞退、协商一致解除、合同到期终止(单位不续订)的,依《劳动合同法》第四十六条、第四十七条支付经济补偿:每满一年支付一个月工资,六个月以上不满一年按一年,不满六个月支付半个月工资;月工资高于本地区上年度职工月平均工资三倍的,按三倍计算且年限最多12年。月工资填员工离职前十二个月的平均工资</xsl:text>
        <xsl:if test="$comp/@wage-from != ''">(已按本单位申报工资预填,请核对)</xsl:if>
        <xsl:text>;工作年限起算日期不填时按合同起始日期。保存后显示计算过程,并可打印《经济补偿金计算表》作为附件。</xsl:text>
      </p>
      <xsl:call-template name="comp-result"/>

      <xsl:call-template name="section"><xsl:with-param name="title">退工日期</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">退工日期</xsl:with-param>
            <xsl:with-param name="name">end_date</xsl:with-param>
            <xsl:with-param name="value" select="$t/@end-date"/>
            <xsl:with-param name="type">date</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <td class="hint-cell">
            <xsl:text>劳动关系实际解除或终止的日期。须在退工日期起15日内办理,逾期将标记为</xsl:text>
            <span class="badge badge-overdue">逾期</span>
            <xsl:if test="$t/@overdue = '1'"><strong class="warn-note">(本业务已逾期)</strong></xsl:if>
          </td>
        </tr>
      </table>

      <xsl:call-template name="section"><xsl:with-param name="title">劳动合同信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同编号</xsl:with-param>
            <xsl:with-param name="name">contract_no</xsl:with-param>
            <xsl:with-param name="value" select="$t/@contract-no"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">40</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同起始日期</xsl:with-param>
            <xsl:with-param name="name">contract_start</xsl:with-param>
            <xsl:with-param name="value" select="$t/@contract-start"/>
            <xsl:with-param name="type">date</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同终止日期</xsl:with-param>
            <xsl:with-param name="name">contract_end</xsl:with-param>
            <xsl:with-param name="value" select="$t/@contract-end"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <th>合同期限</th>
          <td>
            <xsl:call-template name="checkbox">
              <xsl:with-param name="name">open_ended</xsl:with-param>
              <xsl:with-param name="label">无固定期限</xsl:with-param>
              <xsl:with-param name="on" select="$t/@open-ended"/>
            </xsl:call-template>
          </td>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">岗位</xsl:with-param>
            <xsl:with-param name="name">post</xsl:with-param>
            <xsl:with-param name="value" select="$t/@post"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
            <xsl:with-param name="colspan">3</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">合同编号须唯一,并与本单位备案的劳动合同一致;无固定期限合同请勾选“无固定期限”,不填终止日期。</p>

      <xsl:call-template name="section">
        <xsl:with-param name="title">社保缴费情况</xsl:with-param>
        <xsl:with-param name="note">(由系统根据社保数据自动关联)</xsl:with-param>
      </xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">社保账号</xsl:with-param>
            <xsl:with-param name="value" select="$t/@sb-no"/>
          </xsl:call-template>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">最后缴费月份</xsl:with-param>
            <xsl:with-param name="value" select="$t/@last-paid-month"/>
          </xsl:call-template>
          <th>是否结清</th>
          <td class="readonly">
            <xsl:call-template name="settled"/>
            <xsl:call-template name="field-errors"><xsl:with-param name="name">settled</xsl:with-param></xsl:call-template>
            <xsl:if test="/page/errors/error[@field = 'settled' and @code = 'TG_SB_UNSETTLED']">
              <p class="field-link"><a href="/jianyuan?sfzh={$t/@sfzh}" id="go-jianyuan">去办理城镇职工减少(减员)</a></p>
            </xsl:if>
          </td>
        </tr>
      </table>

      <xsl:call-template name="section"><xsl:with-param name="title">经办人信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">经办人姓名</xsl:with-param>
            <xsl:with-param name="name">handler_name</xsl:with-param>
            <xsl:with-param name="value" select="$t/@handler-name"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">职务</xsl:with-param>
            <xsl:with-param name="name">handler_title</xsl:with-param>
            <xsl:with-param name="value" select="$t/@handler-title"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">联系方式</xsl:with-param>
            <xsl:with-param name="name">handler_phone</xsl:with-param>
            <xsl:with-param name="value" select="$t/@handler-phone"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
      </p>
    </form>

    <xsl:call-template name="tg-materials"/>

    <xsl:if test="$task">
      <xsl:call-template name="submit-cancel"/>
    </xsl:if>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- The 上传附件 section: the materials of the reason (or of the
       batch), with what 退工 says about them first. -->
  <xsl:template name="tg-materials">
    <xsl:call-template name="materials">
      <xsl:with-param name="intro">
        <xsl:choose>
          <xsl:when test="/page/materials/@batch = '1'">
            <p class="note" id="batch-materials-note">批量退工按批次提交材料:一份加盖公章的《退工花名册》,以及各行退工原因和经济补偿在单人退工中所需的每种材料(如解除/终止劳动合同证明书、员工身份证复印件、劳动合同复印件、辞职申请书等)。每种材料上传一个涵盖本批全部相关人员的文件(可将多人的材料合并扫描为一个PDF),无需每人一份。<xsl:if test="not($task)">所需材料随各行退工原因而定,导入后按本批人员列出。</xsl:if></p>
          </xsl:when>
          <xsl:when test="not($t/@reason) or $t/@reason = ''">
            <p class="note">所需材料随退工原因而定。请先选择退工原因并保存(或
              <a href="/tuigong?reason=合同到期终止">预览合同到期终止</a>、<a href="/tuigong?reason=单位辞退">单位辞退</a>、<a href="/tuigong?reason=员工辞职">员工辞职</a>、<a href="/tuigong?reason=员工失联">员工失联</a>所需材料)。</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="note">退工原因“<xsl:value-of select="$t/@reason"/>”需上传以下材料:</p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The unit's recent 退工 tasks. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位退工登记业务</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A read-only 退工. -->
  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="$task/@state = '结束'">
      <div class="msg msg-ok reminders">
        <p><strong>业务已办结,</strong>员工就业状态为“已退工”。</p>
        <p>请将《退工登记证明》送达员工;若员工档案由单位保管,须在退工后15日内将档案转递至户籍地或就业地公共就业服务机构。</p>
        <p class="actions">
          <a class="btn btn-primary" id="btn-print" href="/print/tuigong?id={$task/@id}">打印《退工登记证明》</a>
        </p>
      </div>
    </xsl:if>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="section"><xsl:with-param name="title">退工登记信息</xsl:with-param></xsl:call-template>
    <table class="form-grid grid3 readonly-table">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$t/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$t/@sfzh"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">性别</xsl:with-param><xsl:with-param name="value" select="$t/@sex"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">户籍类型</xsl:with-param><xsl:with-param name="value" select="$t/@hukou-type"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">联系电话</xsl:with-param><xsl:with-param name="value" select="$t/@phone"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">退工原因</xsl:with-param><xsl:with-param name="value" select="$t/@reason"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">退工日期</xsl:with-param><xsl:with-param name="value" select="$t/@end-date"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">合同编号</xsl:with-param><xsl:with-param name="value" select="$t/@contract-no"/></xsl:call-template>
        <th>合同期限</th>
        <td class="readonly">
          <xsl:choose>
            <xsl:when test="$t/@open-ended = '1'">无固定期限(自 <xsl:value-of select="$t/@contract-start"/> 起)</xsl:when>
            <xsl:otherwise><xsl:value-of select="$t/@contract-start"/> 至 <xsl:value-of select="$t/@contract-end"/></xsl:otherwise>
          </xsl:choose>
        </td>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">岗位</xsl:with-param><xsl:with-param name="value" select="$t/@post"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">社保账号</xsl:with-param><xsl:with-param name="value" select="$t/@sb-no"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">最后缴费月份</xsl:with-param><xsl:with-param name="value" select="$t/@last-paid-month"/></xsl:call-template>
      </tr>
      <tr>
        <th>是否结清</th>
        <td class="readonly">
          <xsl:choose>
            <xsl:when test="$t/@facts = '1'"><xsl:call-template name="yes-no"><xsl:with-param name="v" select="$t/@settled"/></xsl:call-template></xsl:when>
            <xsl:otherwise>—</xsl:otherwise>
          </xsl:choose>
        </td>
        <th>经济补偿</th>
        <td class="readonly"><xsl:call-template name="yes-no"><xsl:with-param name="v" select="$t/@compensation"/></xsl:call-template></td>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">经办人</xsl:with-param><xsl:with-param name="value" select="concat($t/@handler-name, ' ', $t/@handler-title, ' ', $t/@handler-phone)"/></xsl:call-template>
      </tr>
      <xsl:if test="$t/@remark != ''">
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">备注</xsl:with-param><xsl:with-param name="value" select="$t/@remark"/><xsl:with-param name="colspan">5</xsl:with-param></xsl:call-template>
        </tr>
      </xsl:if>
    </table>
    <xsl:if test="$comp">
      <xsl:call-template name="section"><xsl:with-param name="title">经济补偿</xsl:with-param></xsl:call-template>
      <xsl:call-template name="comp-result"/>
    </xsl:if>
    <xsl:call-template name="tg-materials"/>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="/tuigong">新建退工登记</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

  <!-- 批量退工: the template and the upload. -->
  <xsl:template match="page[@view = 'batch']" mode="content">
    <xsl:call-template name="timeliness"/>
    <xsl:call-template name="section"><xsl:with-param name="title">批量退工</xsl:with-param></xsl:call-template>
    <ol class="steps">
      <li>下载模板(见下方“模板下载”)。</li>
      <li>按模板填写(每行一名员工;列:<xsl:for-each select="columns/column"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>)。退工原因须为:<xsl:for-each select="options[@name = 'reason']/option"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>。模板第2行是示例(第一格以“示例:”开头),导入时自动跳过,可保留;有下拉箭头的列请从下拉列表中选择。</li>
      <li>上传填写好的文件;系统按与单笔退工相同的规则逐行校验,校验失败的行可下载失败列表。</li>
      <li>在导入结果页上传批次材料,删除不需要的行,然后提交审批或退单。</li>
    </ol>
    <xsl:call-template name="batch-upload"><xsl:with-param name="label">批量退工文件(.xlsx)</xsl:with-param></xsl:call-template>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- One batch: rows, failed rows, materials, submit or 退单. -->
  <xsl:template match="page[@view = 'batch-result']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="batch-counts"/>
    <xsl:call-template name="section"><xsl:with-param name="title">本批退工人员</xsl:with-param></xsl:call-template>
    <table class="grid batch-rows">
      <thead>
        <tr><th>行号</th><th>姓名</th><th>身份证号</th><th>合同编号</th><th>退工原因</th><th>退工日期</th><th>社保账号</th><th>是否结清</th>
          <xsl:if test="$editable"><th>操作</th></xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="rows/row">
          <tr>
            <td><xsl:value-of select="@no"/></td>
            <td>
              <xsl:value-of select="@name"/>
              <xsl:if test="@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue">逾期</span></xsl:if>
            </td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td class="mono"><xsl:value-of select="@contract-no"/></td>
            <td><xsl:value-of select="@reason"/></td>
            <td><xsl:value-of select="@end-date"/></td>
            <td class="mono"><xsl:value-of select="@sb-no"/></td>
            <td><xsl:call-template name="yes-no"><xsl:with-param name="v" select="@settled"/></xsl:call-template></td>
            <xsl:if test="$editable">
              <td class="ops">
                <xsl:call-template name="row-delete"><xsl:with-param name="row" select="@no"/></xsl:call-template>
              </td>
            </xsl:if>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(rows/row)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">9</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="tg-materials"/>
    <xsl:call-template name="submit-cancel"/>
    <xsl:if test="$task/@state = '结束'">
      <p class="actions"><a class="btn btn-primary" href="/print/tuigong?id={$task/@id}">打印《退工登记证明》</a></p>
    </xsl:if>
    <xsl:call-template name="history"/>
  </xsl:template>

  <!-- The employee's timeline. -->
  <xsl:template match="page[@view = 'timeline']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">员工时间轴(用工 → 参保 → 减员 → 退工)</xsl:with-param></xsl:call-template>
    <form method="get" action="/tuigong/timeline" class="form query">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">身份证号</xsl:with-param>
            <xsl:with-param name="name">sfzh</xsl:with-param>
            <xsl:with-param name="value" select="query/@sfzh"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary">查询</button></td>
        </tr>
      </table>
    </form>
    <xsl:for-each select="persons">
      <form method="get" action="/tuigong/timeline" class="form query pick-search">
        <label for="pick-q">本单位在职人员:姓名或身份证号开头</label>
        <xsl:text> </xsl:text>
        <input type="text" name="q" id="pick-q" value="{@q}" maxlength="30"/>
        <xsl:text> </xsl:text>
        <button type="submit" class="btn">查找</button>
      </form>
      <ul class="pick-list">
        <xsl:for-each select="person">
          <li><a href="/tuigong/timeline?sfzh={@idno}"><xsl:value-of select="@name"/></a></li>
        </xsl:for-each>
      </ul>
      <xsl:if test="not(person)"><p class="note">没有符合条件的在职人员</p></xsl:if>
      <xsl:for-each select="pager">
        <xsl:call-template name="pager">
          <xsl:with-param name="total" select="@total"/>
          <xsl:with-param name="page" select="@page"/>
          <xsl:with-param name="size" select="@size"/>
          <xsl:with-param name="base-url" select="@base"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="timeline">
      <p><strong><xsl:value-of select="@name"/></strong>(<span class="mono"><xsl:value-of select="@idno"/></span>)</p>
      <xsl:for-each select="advice">
        <div role="alert" class="msg msg-{@kind}"><xsl:value-of select="."/></div>
      </xsl:for-each>
      <table class="grid timeline">
        <thead><tr><th>环节</th><th>日期</th><th>业务顺序号</th><th>状态</th><th>说明</th><th>操作</th></tr></thead>
        <tbody>
          <xsl:for-each select="step">
            <tr class="step step-{position()}">
              <td><strong class="kind"><xsl:value-of select="@kind"/></strong></td>
              <td class="time"><xsl:value-of select="@date"/></td>
              <td class="mono"><xsl:value-of select="@seq"/></td>
              <td>
                <xsl:if test="@state != ''">
                  <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
                </xsl:if>
              </td>
              <td class="detail"><xsl:value-of select="."/></td>
              <td class="ops">
                <xsl:if test="@kind = '退工' and @task != ''">
                  <a class="op" href="/tuigong?id={@task}">查看</a>
                </xsl:if>
                <xsl:if test="@kind = '增员' and @task != ''">
                  <a class="op" href="/zengyuan?id={@task}">查看</a>
                </xsl:if>
                <xsl:if test="@package != ''">
                  <a class="op" href="/dabao/pkg?id={@package}">查看</a>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
