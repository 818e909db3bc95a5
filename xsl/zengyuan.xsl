<?xml version="1.0" encoding="UTF-8"?>
<!--
  zengyuan.xsl: 增员(续保), 城镇职工增加 (category jiaofei).  Views:
    form          the form (个人信息, 参保信息, 单位参保险种, 追溯补缴, 上传
                  附件); new, or the 信息核对 of a saved draft: 姓名, 身份证号,
                  性别, 出生日期 shown locked (退单 and a new form to change)
    task          a submitted, finished or withdrawn 增员, read-only
    batch         批量增员: template and upload
    batch-result  one batch: rows, failed rows, materials, submit/退单
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="z" select="/page/zengyuan"/>
  <xsl:variable name="zp" select="/page/zy-policy"/>
  <xsl:variable name="locked" select="boolean($task)"/>

  <!-- The rules of seed 003 the clerk should know before typing. -->
  <xsl:template name="zy-rules">
    <ul class="note zy-rules">
      <li>网上办理首次参保登记,职工年龄须满足女年满<xsl:value-of select="$zp/@female-min"/>周岁小于<xsl:value-of select="$zp/@female-max"/>周岁、男年满<xsl:value-of select="$zp/@male-min"/>周岁小于<xsl:value-of select="$zp/@male-max"/>周岁;超过年龄界限的,请携带相关资料到辖区社保经办机构审核办理(续保不受此限)。</li>
      <li>参保职工须未参保,或原参保险种(含居民医疗保险)为停保状态。</li>
      <li>追溯补缴最长不得超过<xsl:value-of select="$zp/@bujiao-max"/>个月(含当月);超过的,请携带相关资料到辖区社保经办机构审核办理。</li>
      <xsl:if test="$zp/@require-yonggong = '1'">
        <li>职工须在本单位已办理用工备案(<a href="/yonggong">办理用工备案</a>)。</li>
      </xsl:if>
      <li>职工个人所参加险种须与本单位参保险种一致。</li>
    </ul>
  </xsl:template>

  <!-- What a 普通 unit does after submitting: bring the materials. -->
  <xsl:template name="counter-note">
    <xsl:if test="/page/session/@vip != '1'">
      <div class="msg msg-info counter-note" role="status">
        <xsl:text>非VIP单位提交后,请打印《企业参保人员增员表》,并携带职工身份证(或户口簿)复印件、劳动合同书(或用工证明)等资料于当月</xsl:text>
        <xsl:value-of select="$zp/@visit-day"/>
        <xsl:text>日前到所在辖区社保经办机构办理审核手续。</xsl:text>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The notice of a special group: bring the 档案 afterwards. -->
  <xsl:template name="special-note">
    <xsl:if test="$z/@special != ''">
      <div class="msg msg-warn special-note" role="status">
        <xsl:text>该职工属于特殊人群(</xsl:text><xsl:value-of select="$z/@special"/>
        <xsl:text>):网上增员办理后,请携带职工档案等相关资料到辖区社保经办机构办理特殊人群认定手续。</xsl:text>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The way forward of a refusal that needs another business. -->
  <xsl:template name="refusal-links">
    <xsl:if test="/page/errors/error[@code = 'ZY_NO_YONGGONG']">
      <p class="actions"><a class="btn" id="go-yonggong" href="/yonggong">办理用工备案</a></p>
    </xsl:if>
  </xsl:template>

  <!-- The unit's 参保险种, each 参加: shown, not chosen. -->
  <xsl:template name="ins-types">
    <xsl:call-template name="section"><xsl:with-param name="title">单位参保险种</xsl:with-param></xsl:call-template>
    <table class="grid ins-types">
      <thead><tr><th>险种</th><th>是否参加</th></tr></thead>
      <tbody>
        <xsl:for-each select="/page/ins-types/type">
          <tr><td><xsl:value-of select="."/></td><td>参加</td></tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="hint">职工个人所参加险种须与本单位参保险种一致,由系统按单位参保险种确定,无需选择。</p>
  </xsl:template>

  <!-- A locked field of the 信息核对: grey, with its value posted. -->
  <xsl:template name="locked-cells">
    <xsl:param name="label"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <th><xsl:value-of select="$label"/></th>
    <td class="readonly locked">
      <input type="hidden" name="{$name}" value="{$value}"/>
      <xsl:value-of select="$value"/>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </td>
  </xsl:template>

  <!-- The editable form (new, or the 信息核对 of a draft). -->
  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="$locked">
      <div class="msg msg-info check-note" role="status">
        <xsl:text>信息核对:黑色字体部分可直接修改后保存;灰色字体部分(姓名、身份证号、性别、出生日期)如有误,请点击「退单」后重新办理。</xsl:text>
      </div>
    </xsl:if>
    <xsl:call-template name="special-note"/>
    <xsl:call-template name="refusal-links"/>
    <xsl:call-template name="required-note"/>
    <xsl:call-template name="zy-rules"/>
    <form method="post" action="/zengyuan/save" class="form zengyuan-form">
      <xsl:call-template name="csrf"/>
      <xsl:if test="$task"><input type="hidden" name="id" value="{$task/@id}"/></xsl:if>
      <xsl:if test="not($task) and form/@token"><input type="hidden" name="token" value="{form/@token}"/></xsl:if>

      <xsl:call-template name="section"><xsl:with-param name="title">个人信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:choose>
            <xsl:when test="$locked">
              <xsl:call-template name="locked-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="name">sfzh</xsl:with-param><xsl:with-param name="value" select="$z/@sfzh"/></xsl:call-template>
              <xsl:call-template name="locked-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="name">name</xsl:with-param><xsl:with-param name="value" select="$z/@name"/></xsl:call-template>
              <xsl:call-template name="locked-cells"><xsl:with-param name="label">性别</xsl:with-param><xsl:with-param name="name">sex</xsl:with-param><xsl:with-param name="value" select="$z/@sex"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="input-cells">
                <xsl:with-param name="label">身份证号</xsl:with-param>
                <xsl:with-param name="name">sfzh</xsl:with-param>
                <xsl:with-param name="value" select="$z/@sfzh"/>
                <xsl:with-param name="required" select="true()"/>
                <xsl:with-param name="maxlength">18</xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="input-cells">
                <xsl:with-param name="label">姓名</xsl:with-param>
                <xsl:with-param name="name">name</xsl:with-param>
                <xsl:with-param name="value" select="$z/@name"/>
                <xsl:with-param name="required" select="true()"/>
                <xsl:with-param name="maxlength">30</xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="select-cells">
                <xsl:with-param name="label">性别</xsl:with-param>
                <xsl:with-param name="name">sex</xsl:with-param>
                <xsl:with-param name="options" select="options[@name = 'sex']"/>
                <xsl:with-param name="current" select="$z/@sex"/>
                <xsl:with-param name="required" select="true()"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </tr>
        <tr>
          <xsl:choose>
            <xsl:when test="$locked">
              <xsl:call-template name="locked-cells"><xsl:with-param name="label">出生日期</xsl:with-param><xsl:with-param name="name">birth</xsl:with-param><xsl:with-param name="value" select="$z/@birth"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="input-cells">
                <xsl:with-param name="label">出生日期</xsl:with-param>
                <xsl:with-param name="name">birth</xsl:with-param>
                <xsl:with-param name="value" select="$z/@birth"/>
                <xsl:with-param name="type">date</xsl:with-param>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">民族</xsl:with-param>
            <xsl:with-param name="name">zy_nation</xsl:with-param>
            <xsl:with-param name="value" select="$z/@nation"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">10</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">户口性质</xsl:with-param>
            <xsl:with-param name="name">hukou_type</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'hukou_type']"/>
            <xsl:with-param name="current" select="$z/@hukou-type"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">联系电话</xsl:with-param>
            <xsl:with-param name="name">phone</xsl:with-param>
            <xsl:with-param name="value" select="$z/@phone"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">户口地址</xsl:with-param>
            <xsl:with-param name="name">zy_hukou_addr</xsl:with-param>
            <xsl:with-param name="value" select="$z/@hukou-addr"/>
            <xsl:with-param name="maxlength">60</xsl:with-param>
            <xsl:with-param name="colspan">3</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">性别、出生日期须与身份证号一致;已在本系统登记过的人员,姓名须与登记信息一致。</p>

      <xsl:call-template name="section"><xsl:with-param name="title">参保信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">参保日期</xsl:with-param>
            <xsl:with-param name="name">zy_start</xsl:with-param>
            <xsl:with-param name="value" select="$z/@start"/>
            <xsl:with-param name="type">month</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">申报工资(元)</xsl:with-param>
            <xsl:with-param name="name">zy_wage</xsl:with-param>
            <xsl:with-param name="value" select="$z/@wage"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">12</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">个人编号(续保)</xsl:with-param>
            <xsl:with-param name="name">zy_sb_no</xsl:with-param>
            <xsl:with-param name="value" select="$z/@sb-no"/>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">追溯补缴</xsl:with-param>
            <xsl:with-param name="name">zy_bujiao</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'zy_bujiao']"/>
            <xsl:with-param name="current" select="$z/@bujiao"/>
            <xsl:with-param name="blank" select="''"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">补缴开始月份</xsl:with-param>
            <xsl:with-param name="name">zy_bujiao_from</xsl:with-param>
            <xsl:with-param name="value" select="$z/@bujiao-from"/>
            <xsl:with-param name="type">month</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">特殊人群</xsl:with-param>
            <xsl:with-param name="name">zy_special</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'zy_special']"/>
            <xsl:with-param name="current" select="$z/@special"/>
            <xsl:with-param name="blank">否</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">申报工资按劳动合同约定的合计工资填写,审核通过后按当地缴费基数上下限确定缴费基数。追溯补缴一般选择“否”;需补缴的,请先与财务确认补缴开始月份及费用。</p>
      <xsl:call-template name="ins-types"/>
      <p class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
      </p>
    </form>

    <xsl:call-template name="zy-materials"/>
    <xsl:if test="$task">
      <xsl:call-template name="submit-cancel">
        <xsl:with-param name="more">
          <a class="btn" id="btn-table" href="/zengyuan/export?id={$task/@id}">导出增员表(.xlsx)</a>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="counter-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- The 上传附件 section. -->
  <xsl:template name="zy-materials">
    <xsl:call-template name="materials">
      <xsl:with-param name="intro">
        <xsl:choose>
          <xsl:when test="/page/materials/@batch = '1'">
            <p class="note" id="batch-materials-note">批量增员按批次提交材料:一份签字盖章的《人员增加申请》,以及本批人员身份证(或户口簿)复印件、劳动合同书(或用工证明)各合并为一个文件。</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="note">请上传职工身份证或户口簿复印件、劳动合同书或其他用工证明材料(PDF或JPG);系统内无该职工电子相片时,请同时上传电子相片(JPG),需制作社会保障卡的请及时到辖区社保经办机构办理制卡申请。</p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The unit's recent 增员 tasks. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位增员业务</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The 增员表 links of a task. -->
  <xsl:template name="table-links">
    <p class="actions">
      <a class="btn btn-primary" id="btn-print" href="/print/zengyuan?id={$task/@id}">打印《企业参保人员增员表》</a>
      <xsl:text> </xsl:text>
      <a class="btn" href="/zengyuan/export?id={$task/@id}">导出增员表(.xlsx)</a>
    </p>
  </xsl:template>

  <!-- A read-only 增员. -->
  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="$task/@state = '结束'">
      <div class="msg msg-ok reminders">
        <p><strong>业务已办结,</strong>该职工自 <xsl:value-of select="$z/@start"/> 起在本单位参保缴费,缴费基数 <xsl:value-of select="$z/@base"/> 元。</p>
      </div>
    </xsl:if>
    <xsl:call-template name="task-state-note"/>
    <xsl:if test="$task/@state = '进行中'"><xsl:call-template name="counter-note"/></xsl:if>
    <xsl:call-template name="special-note"/>
    <xsl:if test="$task/@state = '结束' or $task/@state = '进行中'"><xsl:call-template name="table-links"/></xsl:if>
    <xsl:call-template name="section"><xsl:with-param name="title">增员信息</xsl:with-param></xsl:call-template>
    <table class="form-grid grid3 readonly-table">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$z/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$z/@sfzh"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">性别</xsl:with-param><xsl:with-param name="value" select="$z/@sex"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">出生日期</xsl:with-param><xsl:with-param name="value" select="$z/@birth"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">民族</xsl:with-param><xsl:with-param name="value" select="$z/@nation"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">户口性质</xsl:with-param><xsl:with-param name="value" select="$z/@hukou-type"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">联系电话</xsl:with-param><xsl:with-param name="value" select="$z/@phone"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">户口地址</xsl:with-param><xsl:with-param name="value" select="$z/@hukou-addr"/><xsl:with-param name="colspan">3</xsl:with-param></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">参保类型</xsl:with-param><xsl:with-param name="value"><xsl:choose><xsl:when test="$z/@renewal = '1'">续保</xsl:when><xsl:otherwise>首次参保</xsl:otherwise></xsl:choose></xsl:with-param></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">参保日期</xsl:with-param><xsl:with-param name="value" select="$z/@start"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">追溯补缴</xsl:with-param><xsl:with-param name="value" select="concat($z/@bujiao, ' ', $z/@bujiao-from)"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">申报工资(元)</xsl:with-param><xsl:with-param name="value" select="$z/@wage"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">缴费基数(元)</xsl:with-param><xsl:with-param name="value" select="$z/@base"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">个人编号</xsl:with-param><xsl:with-param name="value" select="$z/@sb-no"/></xsl:call-template>
      </tr>
    </table>
    <xsl:call-template name="ins-types"/>
    <xsl:call-template name="zy-materials"/>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="/zengyuan">新建增员</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

  <!-- 批量增员: the template and the upload. -->
  <xsl:template match="page[@view = 'batch']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">批量增员</xsl:with-param></xsl:call-template>
    <xsl:call-template name="zy-rules"/>
    <ol class="steps">
      <li>下载模板(见下方“模板下载”)。</li>
      <li>按模板填写(每行一名职工;列:<xsl:for-each select="columns/column"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>)。续保人员(曾参保)须填写个人编号;参保日期、补缴开始月份按“2026-03”格式填写,不补缴的留空。模板第2行是示例(第一格以“示例:”开头),导入时自动跳过,可保留;有下拉箭头的列请从下拉列表中选择。</li>
      <li id="batch-size-note">每个文件以不超过100人为宜(人数较多时请分批上传;超过100人的文件也能导入,校验时间较长)。</li>
      <li>上传填写好的文件;系统按与单笔增员相同的规则逐行校验,校验失败的行可下载失败列表。</li>
      <li>在导入结果页上传本批材料(签字盖章的《人员增加申请》等),删除不需要的行,然后提交审批或退单。</li>
    </ol>
    <xsl:call-template name="batch-upload"><xsl:with-param name="label">批量增员文件(.xlsx)</xsl:with-param></xsl:call-template>
    <xsl:call-template name="counter-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- One batch: rows, failed rows, materials, submit or 退单. -->
  <xsl:template match="page[@view = 'batch-result']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="batch-counts"/>
    <xsl:call-template name="section"><xsl:with-param name="title">本批增员人员</xsl:with-param></xsl:call-template>
    <table class="grid batch-rows">
      <thead>
        <tr><th>行号</th><th>姓名</th><th>身份证号</th><th>个人编号</th><th>参保类型</th><th>参保(补缴)起始月份</th><th>申报工资(元)</th><th>缴费基数(元)</th>
          <xsl:if test="$editable"><th>操作</th></xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="rows/row">
          <tr>
            <td><xsl:value-of select="@no"/></td>
            <td>
              <xsl:value-of select="@name"/>
              <xsl:if test="@special != ''"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="@special"/></span></xsl:if>
            </td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td class="mono"><xsl:value-of select="@sb-no"/></td>
            <td><xsl:choose><xsl:when test="@renewal = '1'">续保</xsl:when><xsl:otherwise>首次参保</xsl:otherwise></xsl:choose></td>
            <td><xsl:value-of select="@start"/><xsl:if test="@bujiao = '是'">(补缴)</xsl:if></td>
            <td class="num"><xsl:value-of select="@wage"/></td>
            <td class="num"><xsl:value-of select="@base"/></td>
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
    <xsl:if test="rows/row[@special != '']">
      <p class="note special-note">标注特殊人群(军转干、劳动模范等)的职工,网上增员办理后,请携带职工档案等相关资料到辖区社保经办机构办理特殊人群认定手续。</p>
    </xsl:if>
    <xsl:call-template name="zy-materials"/>
    <xsl:call-template name="submit-cancel"/>
    <xsl:if test="$task/@state = '结束' or $task/@state = '进行中'"><xsl:call-template name="table-links"/></xsl:if>
    <xsl:if test="$task/@state != '结束'"><xsl:call-template name="counter-note"/></xsl:if>
    <xsl:call-template name="history"/>
  </xsl:template>

</xsl:stylesheet>
